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
import org.mpathbus.api.MultipathdState;
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
    private final Map<String, MultipathMap> sourceMapsByWwid = new HashMap<>();
    private final Map<String, PathCheck> checks = new HashMap<>();
    /** Each source path's map WWID ("" when unmapped), kept up to date by {@link #pathsChanged}. */
    private final Map<String, String> mapWwidByPath = new HashMap<>();
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

    /**
     * The current source maps by WWID, for {@link SourcePathChanges} to read before the next
     * {@link #source(SourceState)} updates it in place.
     */
    Map<String, MultipathMap> sourceMapsByWwid() {
        return sourceMapsByWwid;
    }

    void source(SourceState state) {
        // Updated in place rather than rebuilt: a push mostly replaces one map of thousands, and a new
        // table per push was a good part of the garbage an update made.
        for (MultipathMap map : state.maps()) {
            sourceMapsByWwid.put(map.wwid(), map);
        }
        // More WWIDs than maps: some left, and their merged forms go too (merged maps are only ever kept
        // for WWIDs of the source). A state naming one WWID twice is refused by Topology anyway.
        if (sourceMapsByWwid.size() > state.maps().size()) {
            Set<String> present = new HashSet<>();
            state.maps().forEach(map -> present.add(map.wwid()));
            sourceMapsByWwid.keySet().retainAll(present);
            mergedByWwid.keySet().retainAll(present);
        }
        source = state;
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

    /**
     * Follows the source's path changes (see {@link SourcePathChanges}): where each path is now, and the
     * checker view of paths that left the source forgotten.
     */
    void pathsChanged(List<Path> upserted, List<Path> removed) {
        for (Path path : removed) {
            checks.remove(path.name());
            mapWwidByPath.remove(path.name());
        }
        for (Path path : upserted) {
            mapWwidByPath.put(path.name(), path.mapWwid());
        }
    }

    /**
     * The WWID of the map the source has the path in ("" when unmapped), or null when the source has no
     * such path. Answers without the snapshot's path index, which would otherwise be built for each
     * snapshot.
     */
    String mapOf(String path) {
        return mapWwidByPath.get(path);
    }

    /** The names of the installed checkers changed: unchecked paths' messages may change. */
    void installedCheckers(SortedSet<String> names) {
        if (!names.equals(installedCheckers)) {
            installedCheckers = names;
            allStale = true;
        }
    }

    /**
     * @param blacklistApplied whether the paths' blacklist verdicts come from a multipath.conf (see
     *        {@link Topology#blacklistApplied()})
     * @param multipathd what the owner of the source's maps says about itself
     */
    Topology build(long generation, Instant timestamp, String sourceName, boolean blacklistApplied,
            MultipathdState multipathd) {
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
        return Topology.builder(generation, timestamp, sourceName).maps(maps).unmappedPaths(unmapped)
                .checkers(installedCheckers).blacklistApplied(blacklistApplied).multipathd(multipathd).build();
    }

    private MultipathMap merge(MultipathMap map) {
        List<PathGroup> groups = new ArrayList<>(map.groups().size());
        for (PathGroup group : map.groups()) {
            List<Path> paths = new ArrayList<>(group.paths().size());
            for (Path path : group.paths()) {
                paths.add(merge(path));
            }
            groups.add(PathGroup.of(group.index(), group.priority(), group.selector(), group.dmState(), paths));
        }
        return map.toBuilder().groups(groups).build();
    }

    private Path merge(Path path) {
        String checker = path.checker().isEmpty() ? defaultChecker : path.checker();
        PathCheck check = checks.get(path.name());
        if (check == null || !check.checker().equals(checker)) {
            check = installedCheckers.contains(checker) ? PathCheck.checked(checker, CheckerState.UNCHECKED, "")
                    : PathCheck.noChecker(checker);
        }
        Path merged = path.withChecker(checker, check.state(), check.message());
        return merged.blacklistedBy().equals(check.blacklistedBy()) ? merged
                : merged.toBuilder().blacklistedBy(check.blacklistedBy()).build();
    }

    private record Merged(MultipathMap source, MultipathMap result) {
    }
}
