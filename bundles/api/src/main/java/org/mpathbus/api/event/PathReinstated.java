package org.mpathbus.api.event;

import java.time.Instant;

import org.mpathbus.api.Path;

/**
 * The kernel reinstated a failed path of a map (dm state failed to active).
 *
 * @param validPaths the map's active paths after the reinstatement
 */
public record PathReinstated(long sequence, Instant timestamp, Path path, int validPaths) implements TopologyEvent {
    @Override
    public String mapWwid() {
        return path.mapWwid();
    }
}
