package org.mpathbus.devmapper.internal;

import java.util.List;

import org.mpathbus.api.DeviceNumber;
import org.mpathbus.api.DmGroupState;
import org.mpathbus.api.DmPathState;

/**
 * A parsed dm multipath status line: {@code <#feat> <queue_io> <pg_init_count> <#hwh> <hwh...> <#pg>
 * <next_pg> { <A|E|D> <#psargs> <psargs...> <#paths> <#infoargs> { <maj:min> <A|F> <fail_count>
 * <infoargs...> }* }*}.
 *
 * @param features the status feature words; the kernel gives queue_io and pg_init_count
 * @param nextGroup the 1-based group the kernel will use next, 0 when none
 */
public record MultipathStatus(List<String> features, List<String> hardwareHandler, int nextGroup,
        List<Group> groups) {

    public MultipathStatus {
        features = List.copyOf(features);
        hardwareHandler = List.copyOf(hardwareHandler);
        groups = List.copyOf(groups);
    }

    /** One path group's state and its paths' states, in table order. */
    public record Group(DmGroupState state, List<String> selectorArgs, List<PathStatus> paths) {
        public Group {
            selectorArgs = List.copyOf(selectorArgs);
            paths = List.copyOf(paths);
        }
    }

    /** The kernel's view of one path, with the selector's per-path status words. */
    public record PathStatus(DeviceNumber device, DmPathState state, int failCount, List<String> selectorInfo) {
        public PathStatus {
            selectorInfo = List.copyOf(selectorInfo);
        }
    }
}
