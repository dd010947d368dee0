package org.mpathbus.exporter.prometheus.internal;

import java.util.Map;

import org.mpathbus.api.statistics.TransitionStatistics;

/** Transition counts as the engine reports them, set by the test. */
record FixedTransitions(Map<String, Long> pathFailures, Map<String, Long> pathReinstatements,
        Map<String, Long> mapFailures, Map<String, Long> mapRestorations, long lastSequence)
        implements TransitionStatistics {

    static final FixedTransitions NONE = new FixedTransitions(Map.of(), Map.of(), Map.of(), Map.of(), 0);

    @Override
    public long pathFailures(String pathName) {
        return pathFailures.getOrDefault(pathName, 0L);
    }

    @Override
    public long pathReinstatements(String pathName) {
        return pathReinstatements.getOrDefault(pathName, 0L);
    }

    @Override
    public long mapFailures(String wwid) {
        return mapFailures.getOrDefault(wwid, 0L);
    }

    @Override
    public long mapRestorations(String wwid) {
        return mapRestorations.getOrDefault(wwid, 0L);
    }
}
