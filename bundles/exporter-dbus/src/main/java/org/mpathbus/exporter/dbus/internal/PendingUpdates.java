package org.mpathbus.exporter.dbus.internal;

import java.util.ArrayList;
import java.util.List;

import org.mpathbus.api.Topology;
import org.mpathbus.api.event.TopologyEvent;

/**
 * The hand-over from the engine's listener call to the writer thread. Offering never blocks on the bus: a
 * writer that falls behind finds the newest snapshot (properties coalesce) and every event since it last
 * took that becomes a signal (transition signals are never merged; the other events, MapChanged with its two
 * map versions above all, are not kept: their outcome is in the snapshot), up to a bound beyond which the
 * oldest are dropped and clients see a gap in the sequence numbers. A new view of the multipath configuration is handed over the
 * same way, the newest one winning, and so are the whiteboard's interfaces.
 */
final class PendingUpdates {

    static final int MAX_EVENTS = 100_000;

    /**
     * What the writer takes: the newest snapshot and the events that led to it, oldest first; and the newest
     * configuration view when it changed.
     *
     * @param topology null when only the configuration changed
     * @param config the view to show from now on (null: none) when {@code configChanged}
     * @param interfaces the whiteboard's interfaces from now on, or null when they did not change
     */
    record Update(Topology topology, List<TopologyEvent> events, long droppedEvents, boolean configChanged,
            ConfigView config, AddedInterfaces interfaces) {
    }

    private Topology topology;
    private boolean configChanged;
    private ConfigView config;
    private AddedInterfaces interfaces;
    private List<TopologyEvent> events = new ArrayList<>();
    private long dropped;
    private boolean wakeUp;

    synchronized void offer(Topology next, List<TopologyEvent> newEvents) {
        topology = next;
        for (TopologyEvent event : newEvents) {
            if (BusSession.signals(event)) {
                events.add(event);
            }
        }
        if (events.size() > MAX_EVENTS) {
            int excess = events.size() - MAX_EVENTS;
            events.subList(0, excess).clear();
            dropped += excess;
        }
        notifyAll();
    }

    /** The configuration view to show from now on; null when the configuration is no longer read. */
    synchronized void offerConfig(ConfigView next) {
        config = next;
        configChanged = true;
        notifyAll();
    }

    /** The whiteboard's interfaces to show from now on. */
    synchronized void offerInterfaces(AddedInterfaces next) {
        interfaces = next;
        notifyAll();
    }

    /** Makes a waiting {@link #take} return early (connection lost, shutdown). */
    synchronized void wakeUp() {
        wakeUp = true;
        notifyAll();
    }

    /** The pending update, waiting up to {@code millis} for one; null when none came or on wake-up. */
    synchronized Update take(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (topology == null && !configChanged && interfaces == null && !wakeUp) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return null;
            }
            wait(left);
        }
        wakeUp = false;
        if (topology == null && !configChanged && interfaces == null) {
            return null;
        }
        Update update = new Update(topology, events, dropped, configChanged, config, interfaces);
        configChanged = false;
        interfaces = null;
        topology = null;
        events = new ArrayList<>();
        dropped = 0;
        return update;
    }
}
