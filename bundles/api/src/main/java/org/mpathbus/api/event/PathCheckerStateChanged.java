package org.mpathbus.api.event;

import java.time.Instant;

import org.mpathbus.api.CheckerState;
import org.mpathbus.api.Path;

/** The checker's view of a path changed; {@code path} is the new state. */
public record PathCheckerStateChanged(long sequence, Instant timestamp, Path path, CheckerState previous)
        implements TopologyEvent {
    @Override
    public String mapWwid() {
        return path.mapWwid();
    }
}
