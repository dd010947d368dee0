package org.mpathbus.exporter.prometheus.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.mpathbus.api.event.MapFailed;
import org.mpathbus.api.event.MapRemoved;
import org.mpathbus.api.event.MapRestored;
import org.mpathbus.api.event.PathFailed;
import org.mpathbus.api.event.PathReinstated;
import org.mpathbus.api.event.PathRemoved;
import org.mpathbus.api.event.TopologyEvent;

/**
 * Counts the transitions of the event stream, which a scrape of the states alone misses when a path fails
 * and comes back between two scrapes. Written by the listener's thread, read by scrapes: concurrent maps of
 * adders, no lock. A path's or map's counts end with its PathRemoved or MapRemoved (a counter that starts
 * again at zero is what Prometheus' rate() and increase() expect of a new series).
 */
final class EventCounters {

    private final Map<String, LongAdder> pathFailures = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> pathReinstatements = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> mapFailures = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> mapRestorations = new ConcurrentHashMap<>();
    private volatile long lastSequence;

    void count(List<TopologyEvent> events) {
        for (TopologyEvent event : events) {
            if (event instanceof PathFailed failed) {
                increment(pathFailures, failed.path().name());
            } else if (event instanceof PathReinstated reinstated) {
                increment(pathReinstatements, reinstated.path().name());
            } else if (event instanceof MapFailed failed) {
                increment(mapFailures, failed.map().wwid());
            } else if (event instanceof MapRestored restored) {
                increment(mapRestorations, restored.map().wwid());
            } else if (event instanceof PathRemoved removed) {
                pathFailures.remove(removed.path().name());
                pathReinstatements.remove(removed.path().name());
            } else if (event instanceof MapRemoved removed) {
                mapFailures.remove(removed.map().wwid());
                mapRestorations.remove(removed.map().wwid());
            }
            lastSequence = Math.max(lastSequence, event.sequence());
        }
    }

    /** Events up to this sequence number happened before the counting began: they count in no counter. */
    void startAt(long sequence) {
        lastSequence = Math.max(lastSequence, sequence);
    }

    private static void increment(Map<String, LongAdder> counters, String key) {
        counters.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    long pathFailures(String path) {
        return sum(pathFailures, path);
    }

    long pathReinstatements(String path) {
        return sum(pathReinstatements, path);
    }

    long mapFailures(String wwid) {
        return sum(mapFailures, wwid);
    }

    long mapRestorations(String wwid) {
        return sum(mapRestorations, wwid);
    }

    /** The newest event's sequence number seen, 0 before the first. */
    long lastSequence() {
        return lastSequence;
    }

    private static long sum(Map<String, LongAdder> counters, String key) {
        LongAdder adder = counters.get(key);
        return adder == null ? 0 : adder.sum();
    }
}
