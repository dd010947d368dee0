package org.mpathbus.exporter.dbus.control.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.mpathbus.api.DeviceNumber;
import org.mpathbus.api.DmGroupState;
import org.mpathbus.api.DmPathState;
import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.Path;
import org.mpathbus.api.PathGroup;
import org.mpathbus.api.Topology;

/**
 * Snapshots for the tests, made with the API's builders: map mpatha (WWID {@link #WWID_A}) with groups 1
 * (sda, sdb) and 2 (sdc, sdd), map mpathb ({@link #WWID_B}) with group 1 (sde), and sdz in no map; each
 * change gives the next generation.
 */
final class San {

    static final String WWID_A = "36001405aaaa";
    static final String WWID_B = "36001405bbbb";

    private San() {
    }

    static Topology initial(String source) {
        return Topology.of(1, Instant.EPOCH, source, List.of(mapA(DmPathState.ACTIVE, true), mapB()),
                List.of(path("sdz", 9, "", 0, DmPathState.UNDEF)), List.of("sim"));
    }

    static MultipathMap mapA(DmPathState sdaState, boolean queueing) {
        return MultipathMap.builder(WWID_A, "mpatha", new DeviceNumber(253, 0)).kernelName("dm-0")
                .features(queueing ? List.of("queue_if_no_path") : List.of())
                .groups(List.of(
                        PathGroup.of(1, 50, "service-time 0", DmGroupState.ACTIVE, List.of(
                                path("sda", 0, WWID_A, 1, sdaState), path("sdb", 16, WWID_A, 1, DmPathState.ACTIVE))),
                        PathGroup.of(2, 10, "service-time 0", DmGroupState.ENABLED, List.of(
                                path("sdc", 32, WWID_A, 2, DmPathState.ACTIVE),
                                path("sdd", 48, WWID_A, 2, DmPathState.ACTIVE)))))
                .build();
    }

    static MultipathMap mapB() {
        return MultipathMap.builder(WWID_B, "mpathb", new DeviceNumber(253, 1)).kernelName("dm-1")
                .groups(List.of(PathGroup.of(1, 50, "service-time 0", DmGroupState.ACTIVE,
                        List.of(path("sde", 64, WWID_B, 1, DmPathState.ACTIVE)))))
                .build();
    }

    static Path path(String name, int minor, String map, int group, DmPathState state) {
        return Path.builder(name, new DeviceNumber(8, minor)).wwid(map.isEmpty() ? "36001405zzzz" : map)
                .map(map, group).dmState(state).build();
    }

    /** The next snapshot, with {@code maps} and {@code unmapped} in place of the old ones. */
    static Topology next(Topology before, List<MultipathMap> maps, List<Path> unmapped) {
        return Topology.of(before.generation() + 1, Instant.EPOCH, before.source(), maps, unmapped, List.of("sim"));
    }

    /** The next snapshot, everything else equal, with map mpatha replaced. */
    static Topology withMapA(Topology before, MultipathMap mapA) {
        List<MultipathMap> maps = new ArrayList<>();
        for (MultipathMap map : before.maps().values()) {
            maps.add(map.wwid().equals(WWID_A) ? mapA : map);
        }
        return next(before, maps, before.unmappedPaths());
    }
}
