package org.mpathbus.api.statistics;

import org.osgi.annotation.versioning.ProviderType;

/**
 * How often each path and map changed state since the engine started, counted by the engine as it makes
 * the events, so a listener that falls behind (and gets merged calls or a snapshot in place of events)
 * still reads every transition. A path's or map's counts end with its removal (a counter that starts again
 * at zero is what Prometheus' rate() and increase() expect of a new series). Reading never waits.
 */
@ProviderType
public interface TransitionStatistics {

    /** PathFailed events of this path (kernel name); 0 for an unknown path. */
    long pathFailures(String pathName);

    /** PathReinstated events of this path; 0 for an unknown path. */
    long pathReinstatements(String pathName);

    /** MapFailed events of this map; 0 for an unknown map. */
    long mapFailures(String wwid);

    /** MapRestored events of this map; 0 for an unknown map. */
    long mapRestorations(String wwid);

    /** The sequence number of the newest event, 0 before the first: the number of events made so far. */
    long lastSequence();
}
