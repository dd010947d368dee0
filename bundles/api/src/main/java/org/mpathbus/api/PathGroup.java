package org.mpathbus.api;

import java.util.List;
import java.util.Objects;

/**
 * A path group of a map, in table order.
 *
 * @param index 1-based, as device-mapper numbers groups
 * @param priority the group's priority (multipath-tools: the sum or mean of its paths'); -1 when unknown
 * @param selector the path selector with its arguments as the table gives them, such as "service-time 0"
 */
public record PathGroup(int index, int priority, String selector, DmGroupState dmState, List<Path> paths) {

    public PathGroup {
        Objects.requireNonNull(selector, "selector");
        Objects.requireNonNull(dmState, "dmState");
        paths = List.copyOf(paths);
    }

    /** Paths the kernel currently has active in this group. */
    public int activePathCount() {
        int active = 0;
        for (Path path : paths) {
            if (path.dmState() == DmPathState.ACTIVE) {
                active++;
            }
        }
        return active;
    }
}
