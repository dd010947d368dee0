package org.mpathbus.core.internal.checks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;

import org.mpathbus.api.statistics.CheckStatistics;
import org.mpathbus.api.statistics.CheckerCounts;
import org.mpathbus.api.statistics.LastCheck;

/**
 * Counts checks as the scheduler's workers and timer finish them, in concurrent maps and adders, so a reader
 * (an exporter's scrape) never takes the scheduler's lock. It outlives a scheduler replaced by new settings,
 * so the counters only grow.
 */
public final class CheckTally implements CheckStatistics {

    private final Map<String, Counts> byChecker = new ConcurrentSkipListMap<>();
    private final Map<String, LastCheck> lastByPath = new ConcurrentHashMap<>();

    /** A checker answered a check of the path (in time or late). */
    void checkRan(String checker, String path, Instant finished, Duration took) {
        counts(checker).run.increment();
        lastByPath.put(path, new LastCheck(finished, took));
    }

    /** A check outlived its timeout. */
    void checkTimedOut(String checker) {
        counts(checker).timedOut.increment();
    }

    /** The path left the topology: its last check is forgotten. */
    void pathRemoved(String path) {
        lastByPath.remove(path);
    }

    private Counts counts(String checker) {
        return byChecker.computeIfAbsent(checker, name -> new Counts());
    }

    @Override
    public List<CheckerCounts> checkerCounts() {
        List<CheckerCounts> all = new ArrayList<>(byChecker.size());
        byChecker.forEach((checker, counts) -> all.add(
                new CheckerCounts(checker, counts.run.sum(), counts.timedOut.sum())));
        return all;
    }

    @Override
    public Optional<LastCheck> lastCheck(String pathName) {
        return Optional.ofNullable(lastByPath.get(pathName));
    }

    private static final class Counts {
        final LongAdder run = new LongAdder();
        final LongAdder timedOut = new LongAdder();
    }
}
