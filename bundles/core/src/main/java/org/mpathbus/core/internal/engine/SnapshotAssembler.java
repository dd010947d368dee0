package org.mpathbus.core.internal.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

import org.mpathbus.api.CheckerState;
import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.Path;
import org.mpathbus.api.PathGroup;
import org.mpathbus.api.SourceState;
import org.mpathbus.api.Topology;
import org.mpathbus.core.internal.checks.PathCheck;

/**
 * Merges the source's kernel view with the checkers' view into {@link Topology} snapshots. A merged map is
 * cached against its source instance and reused until the source replaces it or one of its paths' checks
 * changes, so a snapshot after one check result re-merges one map.
 *
 * <p>Confined to the engine thread.
 */
final class SnapshotAssembler {

    private String defaultChecker;
    private SourceState source = SourceState.EMPTY;
    private Map<String, MultipathMap> sourceMapsByWwid = Map.of();
    private final Map<String, PathCheck> checks = new HashMap<>();
    private SortedSet<String> installedCheckers = new TreeSet<>();
    private final Map<String, Merged> mergedByWwid = new HashMap<>();
    private final Set<String> staleMaps = new HashSet<>();
    private boolean allStale;

    SnapshotAssembler(String defaultChecker) {
        this.defaultChecker = defaultChecker;
    }

    /** default_checker changed: every path that names no checker may read differently. */
    void defaultChecker(String name) {
        defaultChecker = name;
        allStale = true;
    }

    SourceState source() {
        return source;
    }

    /** The current source maps by WWID (the state before the next {@link #source(SourceState)}). */
    Map<String, MultipathMap> sourceMapsByWwid() {
        return sourceMapsByWwid;
    }

    void source(SourceState state) {
        Map<String, MultipathMap> byWwid = new HashMap<>(state.maps().size() * 2);
        for (MultipathMap map : state.maps()) {
            byWwid.put(map.wwid(), map);
        }
        source = state;
        sourceMapsByWwid = byWwid;
        mergedByWwid.keySet().retainAll(byWwid.keySet());
    }

    /**
     * Records a path's checker view.
     *
     * @param mapWwid the map the path is in now ("" when none), whose merged form goes stale
     */
    void check(String path, String mapWwid, PathCheck check) {
        checks.put(path, check);
        staleMaps.add(mapWwid);
    }

    /** Forgets the checker view of paths that left the source. */
    void forget(List<Path> removed) {
        for (Path path : removed) {
            checks.remove(path.name());
        }
    }

    /** The names of the installed checkers changed: unchecked paths' messages may change. */
    void installedCheckers(SortedSet<String> names) {
        if (!names.equals(installedCheckers)) {
            installedCheckers = names;
            allStale = true;
        }
    }

    Topology build(long generation, Instant timestamp, String sourceName) {
        List<MultipathMap> maps = new ArrayList<>(source.maps().size());
        for (MultipathMap map : source.maps()) {
            Merged merged = mergedByWwid.get(map.wwid());
            if (merged == null || merged.source != map || allStale || staleMaps.contains(map.wwid())) {
                merged = new Merged(map, merge(map));
                mergedByWwid.put(map.wwid(), merged);
            }
            maps.add(merged.result);
        }
        List<Path> unmapped = new ArrayList<>(source.unmappedPaths().size());
        for (Path path : source.unmappedPaths()) {
            unmapped.add(merge(path));
        }
        staleMaps.clear();
        allStale = false;
        return new Topology(generation, timestamp, sourceName, maps, unmapped, installedCheckers);
    }

    private MultipathMap merge(MultipathMap map) {
        List<PathGroup> groups = new ArrayList<>(map.groups().size());
        for (PathGroup group : map.groups()) {
            List<Path> paths = new ArrayList<>(group.paths().size());
            for (Path path : group.paths()) {
                paths.add(merge(path));
            }
            groups.add(new PathGroup(group.index(), group.priority(), group.selector(), group.dmState(), paths));
        }
        return map.toBuilder().groups(groups).build();
    }

    private Path merge(Path path) {
        String checker = path.checker().isEmpty() ? defaultChecker : path.checker();
        PathCheck check = checks.get(path.name());
        if (check == null || !check.checker().equals(checker)) {
            check = installedCheckers.contains(checker) ? new PathCheck(checker, CheckerState.UNCHECKED, "")
                    : PathCheck.noChecker(checker);
        }
        return path.withChecker(checker, check.state(), check.message());
    }

    private record Merged(MultipathMap source, MultipathMap result) {
    }
}
