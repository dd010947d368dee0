package org.mpathbus.api.event;

import java.time.Instant;

import org.mpathbus.api.MultipathMap;

/**
 * Something in a map changed, its paths' states included. Emitted once per map per update, after the
 * more specific events of that update.
 */
public record MapChanged(long sequence, Instant timestamp, MultipathMap before, MultipathMap after)
        implements TopologyEvent {
    @Override
    public String mapWwid() {
        return after.wwid();
    }
}
