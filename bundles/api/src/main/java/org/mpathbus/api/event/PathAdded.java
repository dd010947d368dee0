package org.mpathbus.api.event;

import java.time.Instant;

import org.mpathbus.api.Path;

/** A path appeared, in a map or unmapped. */
public record PathAdded(long sequence, Instant timestamp, Path path) implements TopologyEvent {
    @Override
    public String mapWwid() {
        return path.mapWwid();
    }
}
