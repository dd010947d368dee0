package org.mpathbus.api.event;

import java.time.Instant;

import org.mpathbus.api.Path;

/**
 * The kernel failed a path of a map (dm state active to failed, or an active path removed).
 *
 * @param validPaths the map's active paths after the failure
 */
public record PathFailed(long sequence, Instant timestamp, Path path, int validPaths) implements TopologyEvent {
    @Override
    public String mapWwid() {
        return path.mapWwid();
    }
}
