package org.mpathbus.api.event;

import java.time.Instant;

import org.mpathbus.api.DmPathState;
import org.mpathbus.api.Path;

/** The kernel's view of a path changed (active/failed); {@code path} is the new state. */
public record PathDmStateChanged(long sequence, Instant timestamp, Path path, DmPathState previous)
        implements TopologyEvent {
    @Override
    public String mapWwid() {
        return path.mapWwid();
    }
}
