package org.mpathbus.api.event;

import java.time.Instant;

import org.mpathbus.api.MultipathMap;

/** A map went away; {@code map} is its last state. */
public record MapRemoved(long sequence, Instant timestamp, MultipathMap map) implements TopologyEvent {
    @Override
    public String mapWwid() {
        return map.wwid();
    }
}
