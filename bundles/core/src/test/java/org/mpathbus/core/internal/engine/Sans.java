package org.mpathbus.core.internal.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

import org.mpathbus.api.DeviceNumber;
import org.mpathbus.api.DeviceState;
import org.mpathbus.api.DmGroupState;
import org.mpathbus.api.DmPathState;
import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.Path;
import org.mpathbus.api.PathGroup;
import org.mpathbus.api.SourceState;

/** Builds small SAN states for tests: maps of two groups with two paths each, all active. */
final class Sans {

    private Sans() {
    }

    static Path path(String name, int minor, String mapWwid, int group, DmPathState state) {
        return Path.builder(name, new DeviceNumber(8, minor)).wwid(mapWwid).map(mapWwid, group).dmState(state)
                .deviceState(DeviceState.RUNNING).checker("sim").build();
    }

    /** Map number {@code n}: WWID "wwid-n", paths "sd-n-1".."sd-n-4"; group 1 active, group 2 enabled. */
    static MultipathMap map(int n) {
        String wwid = "wwid-" + n;
        List<PathGroup> groups = new ArrayList<>();
        for (int g = 1; g <= 2; g++) {
            List<Path> paths = new ArrayList<>();
            for (int p = 1; p <= 2; p++) {
                int index = (g - 1) * 2 + p;
                paths.add(path("sd-" + n + "-" + index, n * 16 + index, wwid, g, DmPathState.ACTIVE));
            }
            groups.add(PathGroup.of(g, g == 1 ? 50 : 10, "service-time 0",
                    g == 1 ? DmGroupState.ACTIVE : DmGroupState.ENABLED, paths));
        }
        return MultipathMap.builder(wwid, "mpath" + n, new DeviceNumber(253, n)).kernelName("dm-" + n)
                .features(List.of("queue_if_no_path")).hardwareHandler("1 alua").groups(groups).build();
    }

    static SourceState state(int maps) {
        List<MultipathMap> all = new ArrayList<>();
        for (int n = 1; n <= maps; n++) {
            all.add(map(n));
        }
        return SourceState.of(all, List.of());
    }

    /** The same map with one path's kernel state replaced. */
    static MultipathMap withPathState(MultipathMap map, String pathName, DmPathState state) {
        return withPath(map, pathName, path -> path.toBuilder().dmState(state).build());
    }

    /** The same map with one path changed by {@code change}. */
    static MultipathMap withPath(MultipathMap map, String pathName, UnaryOperator<Path> change) {
        List<PathGroup> groups = new ArrayList<>();
        for (PathGroup group : map.groups()) {
            List<Path> paths = new ArrayList<>();
            for (Path path : group.paths()) {
                paths.add(path.name().equals(pathName) ? change.apply(path) : path);
            }
            groups.add(PathGroup.of(group.index(), group.priority(), group.selector(), group.dmState(), paths));
        }
        return map.toBuilder().groups(groups).build();
    }

    /** The same map with one path gone. */
    static MultipathMap withoutPath(MultipathMap map, String pathName) {
        List<PathGroup> groups = new ArrayList<>();
        for (PathGroup group : map.groups()) {
            List<Path> paths = new ArrayList<>(group.paths());
            paths.removeIf(path -> path.name().equals(pathName));
            groups.add(PathGroup.of(group.index(), group.priority(), group.selector(), group.dmState(), paths));
        }
        return map.toBuilder().groups(groups).build();
    }

    /** The same map with I/O switched to group {@code active}. */
    static MultipathMap withActiveGroup(MultipathMap map, int active) {
        List<PathGroup> groups = new ArrayList<>();
        for (PathGroup group : map.groups()) {
            groups.add(PathGroup.of(group.index(), group.priority(), group.selector(),
                    group.index() == active ? DmGroupState.ACTIVE : DmGroupState.ENABLED, group.paths()));
        }
        return map.toBuilder().groups(groups).build();
    }

    /** {@code state} with map {@code replacement} in place of the map with its WWID. */
    static SourceState replace(SourceState state, MultipathMap replacement) {
        List<MultipathMap> maps = new ArrayList<>(state.maps());
        maps.replaceAll(map -> map.wwid().equals(replacement.wwid()) ? replacement : map);
        return SourceState.of(maps, state.unmappedPaths());
    }
}
