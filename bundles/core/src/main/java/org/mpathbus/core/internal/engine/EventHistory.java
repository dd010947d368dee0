package org.mpathbus.core.internal.engine;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.List;

import org.mpathbus.api.event.TopologyEvent;

/** The most recent events, oldest first, up to a fixed capacity. Written by the engine, read by anyone. */
final class EventHistory {

    private final int capacity;
    private final Deque<TopologyEvent> events;

    EventHistory(int capacity) {
        this.capacity = capacity;
        this.events = new ArrayDeque<>(capacity);
    }

    synchronized void addAll(Collection<TopologyEvent> more) {
        for (TopologyEvent event : more) {
            if (events.size() == capacity) {
                events.removeFirst();
            }
            events.addLast(event);
        }
    }

    synchronized List<TopologyEvent> snapshot() {
        return List.copyOf(events);
    }
}
