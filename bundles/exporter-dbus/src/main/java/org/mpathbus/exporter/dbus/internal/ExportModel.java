package org.mpathbus.exporter.dbus.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.types.Variant;
import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.Path;
import org.mpathbus.api.PathGroup;
import org.mpathbus.api.Topology;

/**
 * Everything exported for one topology snapshot: every object with its properties, ready to serve. Immutable
 * and built on the writer thread; method calls read whichever model is published, without locks.
 */
final class ExportModel {

    private final Topology topology;
    private final Map<String, BusObject> objects;
    private volatile Map<DBusPath, Map<String, Map<String, Variant<?>>>> managedObjects;

    private ExportModel(Topology topology, Map<String, BusObject> objects) {
        this.topology = topology;
        this.objects = Collections.unmodifiableMap(objects);
    }

    /**
     * Builds the model of {@code topology}, reusing the objects of {@code previous} for every map and path that
     * did not change.
     */
    static ExportModel build(Topology topology, String version, ExportModel previous) {
        Topology before = previous == null ? null : previous.topology;
        Map<String, BusObject> objects = new LinkedHashMap<>();
        List<String> mapPaths = new ArrayList<>(topology.maps().size());
        List<BusObject> mapObjects = new ArrayList<>();
        for (MultipathMap map : topology.maps().values()) {
            String mapPath = ObjectPaths.map(map.wwid());
            mapPaths.add(mapPath);
            boolean unchanged = before != null && map.equals(before.maps().get(map.wwid()));
            mapObjects.add(unchanged ? previous.objects.get(mapPath) : mapObject(mapPath, map));
            for (PathGroup group : map.groups()) {
                String groupPath = ObjectPaths.group(map.wwid(), group.index());
                mapObjects.add(unchanged ? previous.objects.get(groupPath) : groupObject(groupPath, mapPath, group));
            }
        }
        TreeMap<String, Path> pathsByName = new TreeMap<>(topology.paths());
        List<String> pathPaths = new ArrayList<>(pathsByName.size());
        List<BusObject> pathObjects = new ArrayList<>(pathsByName.size());
        for (Path path : pathsByName.values()) {
            String objectPath = ObjectPaths.path(path.name());
            pathPaths.add(objectPath);
            boolean unchanged = before != null && path.equals(before.paths().get(path.name()));
            pathObjects.add(unchanged ? previous.objects.get(objectPath) : pathObject(objectPath, path));
        }
        BusObject manager = BusObject.of(ObjectPaths.ROOT, ObjectKind.MANAGER, ObjectPaths.MANAGER_INTERFACE,
                new PropertyTable()
                        .string("Version", version)
                        .uint64("Generation", topology.generation())
                        .objects("Maps", mapPaths)
                        .objects("Paths", pathPaths)
                        .strings("Checkers", new ArrayList<>(topology.checkers()))
                        .build());
        objects.put(manager.path(), manager);
        for (BusObject object : mapObjects) {
            objects.put(object.path(), object);
        }
        for (BusObject object : pathObjects) {
            objects.put(object.path(), object);
        }
        return new ExportModel(topology, objects);
    }

    private static BusObject mapObject(String mapPath, MultipathMap map) {
        List<String> groups = new ArrayList<>();
        for (PathGroup group : map.groups()) {
            groups.add(ObjectPaths.group(map.wwid(), group.index()));
        }
        int active = map.activeGroupIndex();
        return BusObject.of(mapPath, ObjectKind.MAP, ObjectPaths.MAP_INTERFACE, new PropertyTable()
                .string("Wwid", map.wwid())
                .string("Name", map.name())
                .uint64("DeviceNumber", map.deviceNumber().devT())
                .bytestring("Device", map.devicePath())
                .uint64("SizeBytes", map.sizeBytes())
                .string("Vendor", map.identity().vendor())
                .string("Product", map.identity().product())
                .string("Revision", map.identity().revision())
                .strings("Features", map.features())
                .string("HardwareHandler", map.hardwareHandler())
                .string("DmState", map.dmState().label())
                .bool("WriteProtected", map.writeProtected())
                .string("Queueing", map.queueing())
                .objects("PathGroups", groups)
                .object("ActivePathGroup", active == 0 ? ObjectPaths.NONE : ObjectPaths.group(map.wwid(), active))
                .objects("Paths", pathObjectPaths(map.paths()))
                .uint32("PathCount", map.pathCount())
                .uint32("ValidPathCount", map.validPathCount())
                .string("Health", map.health().label())
                .build());
    }

    private static BusObject groupObject(String groupPath, String mapPath, PathGroup group) {
        return BusObject.of(groupPath, ObjectKind.PATH_GROUP, ObjectPaths.PATH_GROUP_INTERFACE, new PropertyTable()
                .object("Map", mapPath)
                .uint32("Index", group.index())
                .int32("Priority", group.priority())
                .string("Selector", group.selector())
                .string("DmState", group.dmState().label())
                .objects("Paths", pathObjectPaths(group.paths()))
                .build());
    }

    private static BusObject pathObject(String objectPath, Path path) {
        boolean mapped = path.isMapped();
        return BusObject.of(objectPath, ObjectKind.PATH, ObjectPaths.PATH_INTERFACE, new PropertyTable()
                .string("Name", path.name())
                .uint64("DeviceNumber", path.deviceNumber().devT())
                .bytestring("Device", path.devicePath())
                .string("Wwid", path.wwid())
                .object("Map", mapped ? ObjectPaths.map(path.mapWwid()) : ObjectPaths.NONE)
                .object("PathGroup", mapped && path.groupIndex() > 0
                        ? ObjectPaths.group(path.mapWwid(), path.groupIndex()) : ObjectPaths.NONE)
                .string("DmState", path.dmState().label())
                .string("CheckerState", path.checkerState().label())
                .string("CheckerMessage", path.checkerMessage())
                .string("DeviceState", path.deviceState().label())
                .string("Checker", path.checker())
                .int32("Priority", path.priority())
                .uint32("FailCount", path.failCount())
                .struct("Hbtl", new Hbtl(path.scsiAddress()), Hbtl.SIGNATURE)
                .string("Transport", path.transport().protocol())
                .string("HostWwnn", path.transport().hostWwnn())
                .string("HostWwpn", path.transport().hostWwpn())
                .string("TargetWwnn", path.transport().targetWwnn())
                .string("TargetWwpn", path.transport().targetWwpn())
                .string("HostAdapter", path.transport().hostAdapter())
                .build());
    }

    private static List<String> pathObjectPaths(List<Path> paths) {
        List<String> objectPaths = new ArrayList<>(paths.size());
        for (Path path : paths) {
            objectPaths.add(ObjectPaths.path(path.name()));
        }
        return objectPaths;
    }

    Topology topology() {
        return topology;
    }

    long generation() {
        return topology.generation();
    }

    /** Every object, the manager first, then each map followed by its groups, then the paths by name. */
    Map<String, BusObject> objects() {
        return objects;
    }

    BusObject object(String path) {
        return objects.get(path);
    }

    /** What ObjectManager.GetManagedObjects returns: every object below the manager. Computed once per model. */
    Map<DBusPath, Map<String, Map<String, Variant<?>>>> managedObjects() {
        Map<DBusPath, Map<String, Map<String, Variant<?>>>> result = managedObjects;
        if (result == null) {
            result = new LinkedHashMap<>(objects.size() * 2);
            for (BusObject object : objects.values()) {
                if (object.kind() != ObjectKind.MANAGER) {
                    result.put(new DBusPath(object.path()), object.interfaces());
                }
            }
            result = Collections.unmodifiableMap(result);
            managedObjects = result;
        }
        return result;
    }

    /** The object a person names a device by (see Manager.Lookup), or "/". */
    String lookup(String id) {
        Optional<MultipathMap> map = topology.findMap(id);
        if (map.isPresent()) {
            return ObjectPaths.map(map.get().wwid());
        }
        return topology.findPath(id).map(path -> ObjectPaths.path(path.name())).orElse(ObjectPaths.NONE);
    }
}
