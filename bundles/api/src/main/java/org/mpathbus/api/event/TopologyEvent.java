package org.mpathbus.api.event;

import java.time.Instant;

/**
 * A change in the topology. Within one update the engine emits events in this order: MapAdded,
 * PathAdded, PathDmStateChanged, PathCheckerStateChanged, PathFailed/PathReinstated,
 * MapFailed/MapRestored, PolicyChanged, MapChanged, PathRemoved, MapRemoved.
 */
public interface TopologyEvent {

    /** Daemon-wide, gap-free, starting at 1. */
    long sequence();

    /** When the engine saw the change. */
    Instant timestamp();

    /** The WWID of the map the event concerns; "" for a path that belongs to no map. */
    String mapWwid();
}
