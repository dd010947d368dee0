package org.mpathbus.api.statistics;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/**
 * What the path checks have done since the engine started: per checker how many checks ran and how many
 * timed out, and per path when its last answered check finished and how long it took. Reading never waits
 * for the checks: the figures are kept in lock-free counters as checks finish.
 */
@ProviderType
public interface CheckStatistics {

    /** One entry per checker name that has run at least one check, in name order. */
    List<CheckerCounts> checkerCounts();

    /** The last check of the path that its checker answered; empty before the first, or for an unknown path. */
    Optional<LastCheck> lastCheck(String pathName);
}
