package org.mpathbus.core.internal.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;

import org.mpathbus.api.DmPathState;
import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.Path;
import org.mpathbus.api.PathGroup;
import org.mpathbus.api.Topology;
import org.mpathbus.api.event.MapAdded;
import org.mpathbus.api.event.MapChanged;
import org.mpathbus.api.event.MapFailed;
import org.mpathbus.api.event.MapRemoved;
import org.mpathbus.api.event.MapRestored;
import org.mpathbus.api.event.PathAdded;
import org.mpathbus.api.event.PathCheckerStateChanged;
import org.mpathbus.api.event.PathDmStateChanged;
import org.mpathbus.api.event.PathFailed;
import org.mpathbus.api.event.PathReinstated;
import org.mpathbus.api.event.PathRemoved;
import org.mpathbus.api.event.PolicyChanged;
import org.mpathbus.api.event.TopologyEvent;

/**
 * Turns two snapshots into the events between them, in the order {@link TopologyEvent} documents, and
 * numbers them from a daemon-wide counter that never skips. Maps that are the same instance in both
 * snapshots are skipped before anything else, so one changed map costs little more than a lookup per
 * map. Paths are compared within the maps that changed (and the unmapped lists when they differ), never
 * through the snapshots' path indexes, which would otherwise be built for every snapshot just for this.
 *
 * <p>Confined to the engine thread.
 */
final class TopologyDiff {

    private long lastSequence;

    /** The sequence number of the last event made; 0 before the first. */
    long lastSequence() {
        return lastSequence;
    }

    List<TopologyEvent> between(Topology before, Topology after, Instant at) {
        Buckets events = new Buckets();
        Set<String> pathNames = new LinkedHashSet<>();
        Map<String, Path> oldPaths = new HashMap<>();
        Map<String, Path> newPaths = new HashMap<>();
        Map<String, MultipathMap> oldMaps = before.maps();
        int matched = 0;
        for (MultipathMap map : after.maps().values()) {
            MultipathMap old = oldMaps.get(map.wwid());
            if (old == null) {
                events.mapAdded.add(seq -> new MapAdded(seq, at, map));
                collect(map.paths(), pathNames, newPaths);
                continue;
            }
            matched++;
            if (old == map || old.equals(map)) {
                continue;
            }
            collect(old.paths(), pathNames, oldPaths);
            collect(map.paths(), pathNames, newPaths);
            mapStateEvents(old, map, at, events);
        }
        if (matched < oldMaps.size()) {
            for (MultipathMap old : oldMaps.values()) {
                if (!after.maps().containsKey(old.wwid())) {
                    events.mapRemoved.add(seq -> new MapRemoved(seq, at, old));
                    collect(old.paths(), pathNames, oldPaths);
                }
            }
        }
        if (!before.unmappedPaths().equals(after.unmappedPaths())) {
            collect(before.unmappedPaths(), pathNames, oldPaths);
            collect(after.unmappedPaths(), pathNames, newPaths);
        }
        // A path that moved was in a changed map or list on both sides, so the two tables hold all it was and is.
        for (String name : pathNames) {
            pathEvents(oldPaths.get(name), newPaths.get(name), after, at, events);
        }
        List<TopologyEvent> numbered = new ArrayList<>(events.size());
        for (List<LongFunction<TopologyEvent>> bucket : events.inOrder()) {
            for (LongFunction<TopologyEvent> event : bucket) {
                numbered.add(event.apply(++lastSequence));
            }
        }
        return numbered;
    }

    private static void collect(List<Path> paths, Set<String> names, Map<String, Path> byName) {
        for (Path path : paths) {
            names.add(path.name());
            byName.put(path.name(), path);
        }
    }

    private static void mapStateEvents(MultipathMap old, MultipathMap map, Instant at, Buckets events) {
        int validBefore = old.validPathCount();
        int validAfter = map.validPathCount();
        if (validBefore > 0 && validAfter == 0) {
            events.mapHealth.add(seq -> new MapFailed(seq, at, map));
        } else if (validBefore == 0 && validAfter > 0) {
            events.mapHealth.add(seq -> new MapRestored(seq, at, map));
        }
        if (old.activeGroupIndex() != map.activeGroupIndex()) {
            events.policy.add(seq -> new PolicyChanged(seq, at, map, PolicyChanged.ACTIVE_GROUP));
        }
        if (!old.features().equals(map.features())) {
            events.policy.add(seq -> new PolicyChanged(seq, at, map, PolicyChanged.FEATURES));
        }
        if (!old.queueing().equals(map.queueing())) {
            events.policy.add(seq -> new PolicyChanged(seq, at, map, PolicyChanged.QUEUEING));
        }
        if (!old.hardwareHandler().equals(map.hardwareHandler())) {
            events.policy.add(seq -> new PolicyChanged(seq, at, map, PolicyChanged.HARDWARE_HANDLER));
        }
        if (!selectors(old).equals(selectors(map))) {
            events.policy.add(seq -> new PolicyChanged(seq, at, map, PolicyChanged.SELECTOR));
        }
        events.mapChanged.add(seq -> new MapChanged(seq, at, old, map));
    }

    private static List<String> selectors(MultipathMap map) {
        List<String> selectors = new ArrayList<>(map.groups().size());
        for (PathGroup group : map.groups()) {
            selectors.add(group.selector());
        }
        return selectors;
    }

    private static void pathEvents(Path old, Path path, Topology after, Instant at, Buckets events) {
        if (old == null) {
            if (path != null) {
                events.pathAdded.add(seq -> new PathAdded(seq, at, path));
            }
            return;
        }
        if (path == null || !path.mapWwid().equals(old.mapWwid())) {
            // Gone from its map: to the map's readers an active path that leaves is a failed path.
            MultipathMap oldMap = after.maps().get(old.mapWwid());
            if (old.dmState() == DmPathState.ACTIVE && oldMap != null) {
                int valid = oldMap.validPathCount();
                events.pathTransition.add(seq -> new PathFailed(seq, at, old, valid));
            }
            if (path == null) {
                events.pathRemoved.add(seq -> new PathRemoved(seq, at, old));
                return;
            }
        }
        if (old.dmState() != path.dmState()) {
            events.pathDm.add(seq -> new PathDmStateChanged(seq, at, path, old.dmState()));
            if (path.isMapped() && path.mapWwid().equals(old.mapWwid())) {
                int valid = after.maps().get(path.mapWwid()).validPathCount();
                if (old.dmState() == DmPathState.ACTIVE && path.dmState() == DmPathState.FAILED) {
                    events.pathTransition.add(seq -> new PathFailed(seq, at, path, valid));
                } else if (old.dmState() == DmPathState.FAILED && path.dmState() == DmPathState.ACTIVE) {
                    events.pathTransition.add(seq -> new PathReinstated(seq, at, path, valid));
                }
            }
        } else if (path.dmState() == DmPathState.ACTIVE && path.failCount() > old.failCount()
                && path.isMapped() && path.mapWwid().equals(old.mapWwid())) {
            // Failed and reinstated between two reads: only the kernel's fail count shows it, and a reader
            // must still hear of the flap.
            int valid = after.maps().get(path.mapWwid()).validPathCount();
            events.pathTransition.add(seq -> new PathFailed(seq, at, path, valid - 1));
            events.pathTransition.add(seq -> new PathReinstated(seq, at, path, valid));
        }
        if (old.checkerState() != path.checkerState()) {
            events.pathChecker.add(seq -> new PathCheckerStateChanged(seq, at, path, old.checkerState()));
        }
    }

    /** Events of one update by kind, numbered only once all are known so the order is by kind. */
    private static final class Buckets {
        final List<LongFunction<TopologyEvent>> mapAdded = new ArrayList<>();
        final List<LongFunction<TopologyEvent>> pathAdded = new ArrayList<>();
        final List<LongFunction<TopologyEvent>> pathDm = new ArrayList<>();
        final List<LongFunction<TopologyEvent>> pathChecker = new ArrayList<>();
        final List<LongFunction<TopologyEvent>> pathTransition = new ArrayList<>();
        final List<LongFunction<TopologyEvent>> mapHealth = new ArrayList<>();
        final List<LongFunction<TopologyEvent>> policy = new ArrayList<>();
        final List<LongFunction<TopologyEvent>> mapChanged = new ArrayList<>();
        final List<LongFunction<TopologyEvent>> pathRemoved = new ArrayList<>();
        final List<LongFunction<TopologyEvent>> mapRemoved = new ArrayList<>();

        List<List<LongFunction<TopologyEvent>>> inOrder() {
            return List.of(mapAdded, pathAdded, pathDm, pathChecker, pathTransition, mapHealth, policy, mapChanged,
                    pathRemoved, mapRemoved);
        }

        int size() {
            int size = 0;
            for (List<LongFunction<TopologyEvent>> bucket : inOrder()) {
                size += bucket.size();
            }
            return size;
        }
    }
}
