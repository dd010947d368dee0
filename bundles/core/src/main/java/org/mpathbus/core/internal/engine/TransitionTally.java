package org.mpathbus.core.internal.engine;

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
import org.mpathbus.api.statistics.TransitionStatistics;

/**
 * The transitions of every update, counted on the engine thread before any listener sees them (listeners
 * that fall behind get merged calls, so counting there would miss some). Read by anyone: concurrent maps of
 * adders, no lock.
 */
final class TransitionTally implements TransitionStatistics {

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

    private static void increment(Map<String, LongAdder> counters, String key) {
        counters.computeIfAbsent(key, k -> new LongAdder()).increment();
    }

    @Override
    public long pathFailures(String pathName) {
        return sum(pathFailures, pathName);
    }

    @Override
    public long pathReinstatements(String pathName) {
        return sum(pathReinstatements, pathName);
    }

    @Override
    public long mapFailures(String wwid) {
        return sum(mapFailures, wwid);
    }

    @Override
    public long mapRestorations(String wwid) {
        return sum(mapRestorations, wwid);
    }

    @Override
    public long lastSequence() {
        return lastSequence;
    }

    private static long sum(Map<String, LongAdder> counters, String key) {
        LongAdder adder = counters.get(key);
        return adder == null ? 0 : adder.sum();
    }
}
