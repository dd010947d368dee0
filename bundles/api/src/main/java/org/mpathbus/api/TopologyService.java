package org.mpathbus.api;

import java.util.List;

import org.mpathbus.api.event.TopologyEvent;
import org.osgi.annotation.versioning.ProviderType;

/** The engine's face to readers: the current snapshot, recent events, and a full re-read on request. */
@ProviderType
public interface TopologyService {

    /** The newest snapshot; never null. */
    Topology topology();

    /** The most recent events, oldest first; a bounded history (at least the last 1,000). */
    List<TopologyEvent> recentEvents();

    /**
     * Re-reads everything from the source now and returns the snapshot that results (the same
     * generation when nothing changed).
     *
     * @throws IllegalStateException when no source is bound or the source cannot be read; the previous
     *         snapshot stays in force
     */
    Topology refresh() throws InterruptedException;
}
