package org.mpathbus.exporter.dbus.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.Path;
import org.mpathbus.api.PathGroup;
import org.mpathbus.api.Topology;

/**
 * Builds an {@link ExportModel} from the previous one, at the cost of what changed: the engine keeps an unchanged
 * map the very same instance from snapshot to snapshot, so a map that is {@code ==} its predecessor keeps its map,
 * group and path objects untouched, and only changed, added and removed maps (and the unmapped paths, when they
 * changed) are looked into. The engine makes a snapshot for every path change, at 17,500 objects.
 */
final class ModelBuilder {

    private ModelBuilder() {
    }

    /**
     * Builds the model of {@code topology} from {@code previous} (null: from nothing). Each path carries the
     * engine's blacklist verdict, so a changed verdict is a changed path.
     *
     * @param config the multipath configuration to show, null when it is not read
     */
    static ExportModel build(Topology topology, ConfigView config, String version, ExportModel previous) {
        return build(topology, config, previous == null ? AddedInterfaces.NONE : previous.added(), version, previous);
    }

    /**
     * As {@link #build(Topology, ConfigView, String, ExportModel)}, with the whiteboard's interfaces {@code added}
     * on the objects of their kinds (no object is rebuilt for them: they have no properties).
     */
    static ExportModel build(Topology topology, ConfigView config, AddedInterfaces added, String version,
            ExportModel previous) {
        ExportModel base = previous == null ? ExportModel.NOTHING : previous;
        Topology before = base.topology();
        ObjectIndex.Builder objects = base.index().toBuilder();
        List<String> touched = new ArrayList<>();
        touched.add(ObjectPaths.ROOT); // the manager changes with every update: Generation
        if (config != base.config()) {
            if (config == null) {
                objects.remove(ObjectPaths.CONFIG);
            } else {
                objects.put(ObjectPaths.CONFIG, BusObjects.config(config));
            }
            touched.add(ObjectPaths.CONFIG);
        }
        // The paths of what changed, before and now, by name: sorted, so that their signals go out by name
        SortedMap<String, Path> oldPaths = new TreeMap<>();
        SortedMap<String, Path> newPaths = new TreeMap<>();
        for (MultipathMap map : topology.maps().values()) {
            MultipathMap old = before.maps().get(map.wwid());
            if (old != map) {
                replaceMap(old, map, objects, touched);
            }
            if (old != map) {
                addPaths(old, oldPaths);
                addPaths(map, newPaths);
            }
        }
        boolean sameMaps = sameMapsInOrder(before, topology);
        if (!sameMaps) {
            for (MultipathMap old : before.maps().values()) {
                if (!topology.maps().containsKey(old.wwid())) {
                    replaceMap(old, null, objects, touched);
                    addPaths(old, oldPaths);
                }
            }
        }
        if (!before.unmappedPaths().equals(topology.unmappedPaths())) {
            addPaths(before.unmappedPaths(), oldPaths);
            addPaths(topology.unmappedPaths(), newPaths);
        }

        boolean samePathNames = true;
        for (Path path : newPaths.values()) {
            Path old = oldPaths.remove(path.name());
            samePathNames &= old != null;
            if (old == null || (old != path && !old.equals(path))) {
                String objectPath = ObjectPaths.path(path.name());
                objects.put(objectPath, BusObjects.path(objectPath, path));
                touched.add(objectPath);
            }
        }
        for (String gone : oldPaths.keySet()) {
            String objectPath = ObjectPaths.path(gone);
            objects.remove(objectPath);
            touched.add(objectPath);
            samePathNames = false;
        }
        objects.put(ObjectPaths.ROOT, BusObjects.manager(topology, version, base.index().get(ObjectPaths.ROOT),
                sameMaps, samePathNames));
        return new ExportModel(topology, config, added, objects.build(), Collections.unmodifiableList(touched));
    }

    /** Whether both snapshots list the same maps in the same order; one walk, nothing copied. */
    private static boolean sameMapsInOrder(Topology before, Topology now) {
        if (before.maps().size() != now.maps().size()) {
            return false;
        }
        Iterator<MultipathMap> old = before.maps().values().iterator();
        for (MultipathMap map : now.maps().values()) {
            if (!old.next().wwid().equals(map.wwid())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Replaces the objects of map {@code old} (null: it is new) by those of {@code map} (null: it is gone): the
     * map object and one object per group.
     */
    private static void replaceMap(MultipathMap old, MultipathMap map, ObjectIndex.Builder objects,
            List<String> touched) {
        String wwid = map != null ? map.wwid() : old.wwid();
        String mapPath = ObjectPaths.map(wwid);
        touched.add(mapPath);
        if (map == null) {
            objects.remove(mapPath);
        } else {
            objects.put(mapPath, BusObjects.map(mapPath, map));
        }
        if (old != null) {
            for (PathGroup group : old.groups()) {
                if (map == null || map.groups().stream().noneMatch(kept -> kept.index() == group.index())) {
                    String groupPath = ObjectPaths.group(wwid, group.index());
                    objects.remove(groupPath);
                    touched.add(groupPath);
                }
            }
        }
        if (map != null) {
            for (PathGroup group : map.groups()) {
                String groupPath = ObjectPaths.group(wwid, group.index());
                objects.put(groupPath, BusObjects.group(groupPath, mapPath, group));
                touched.add(groupPath);
            }
        }
    }

    private static void addPaths(MultipathMap map, Map<String, Path> byName) {
        if (map != null) {
            addPaths(map.paths(), byName);
        }
    }

    private static void addPaths(List<Path> paths, Map<String, Path> byName) {
        for (Path path : paths) {
            byName.put(path.name(), path);
        }
    }
}
