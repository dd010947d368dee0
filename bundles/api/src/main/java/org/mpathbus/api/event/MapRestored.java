package org.mpathbus.api.event;

import java.time.Instant;

import org.mpathbus.api.MultipathMap;

/** A failed map has an active path again. */
public record MapRestored(long sequence, Instant timestamp, MultipathMap map) implements TopologyEvent {
    @Override
    public String mapWwid() {
        return map.wwid();
    }
}
