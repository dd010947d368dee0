package org.mpathbus.core.internal.checks;

import org.mpathbus.api.Path;

/**
 * Decides each path's {@link PathPlan}. The scheduler asks only when a path changed (a new Path instance) or
 * the planner did (another {@link #generation()}), never per check: so a planner may be slow-ish (multipath.conf
 * evaluation takes tens of microseconds a path). Implementations are immutable and thread-safe.
 */
public interface CheckPlanner {

    /** Identifies what the plans are made from; a planner with another generation re-plans every path. */
    long generation();

    PathPlan planFor(Path path);

    /** Whether the plans apply a multipath.conf blacklist, so that each path's verdict is worth showing. */
    default boolean appliesBlacklist() {
        return false;
    }
}
