package org.mpathbus.api.event;

import java.time.Instant;

import org.mpathbus.api.MultipathMap;

/** A map appeared. */
public record MapAdded(long sequence, Instant timestamp, MultipathMap map) implements TopologyEvent {
    @Override
    public String mapWwid() {
        return map.wwid();
    }
}
