package org.mpathbus.api.event;

import java.time.Instant;

import org.mpathbus.api.Path;

/** A path went away; {@code path} is its last state. */
public record PathRemoved(long sequence, Instant timestamp, Path path) implements TopologyEvent {
    @Override
    public String mapWwid() {
        return path.mapWwid();
    }
}
