package org.mpathbus.exporter.dbus.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

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
    /** The multipath configuration shown, null while it is not read. */
    private final ConfigView config;
    private final Map<String, BusObject> objects;
    private volatile Map<DBusPath, Map<String, Map<String, Variant<?>>>> managedObjects;
    private volatile byte[] managedObjectsWire;

    // Object paths by WWID and kernel name, so that unchanged objects need no escaping again
    private final Map<String, String> mapPaths;
    private final Map<String, List<String>> groupPaths;
    private final Map<String, String> pathPaths;
    private final List<String> pathNames;

    private ExportModel(Topology topology, ConfigView config, Map<String, BusObject> objects, Map<String, String> mapPaths,
            Map<String, List<String>> groupPaths, Map<String, String> pathPaths, List<String> pathNames) {
        this.topology = topology;
        this.config = config;
        this.objects = Collections.unmodifiableMap(objects);
        this.mapPaths = mapPaths;
        this.groupPaths = groupPaths;
        this.pathPaths = pathPaths;
        this.pathNames = pathNames;
    }

    /**
     * Builds the model of {@code topology}, reusing the objects of {@code previous} for every map and path that
     * did not change: an unchanged map or path (the very same instance, or an equal one) costs a lookup and
     * allocates nothing, so only what changed is built anew. Path objects are built anew for every path when
     * the configuration's blacklist changed.
     *
     * @param config the multipath configuration to show, null when it is not read
     */
    static ExportModel build(Topology topology, ConfigView config, String version, ExportModel previous) {
        Topology before = previous == null ? null : previous.topology;
        Map<String, BusObject> objects = new LinkedHashMap<>(previous == null ? 1024 : previous.objects.size() * 2);
        objects.put(ObjectPaths.ROOT, null); // the manager comes first; filled in below
        if (config != null) {
            boolean sameConfig = previous != null && previous.config == config;
            objects.put(ObjectPaths.CONFIG, sameConfig ? previous.objects.get(ObjectPaths.CONFIG)
                    : BusObject.of(ObjectPaths.CONFIG, ObjectKind.CONFIG, ObjectPaths.CONFIG_INTERFACE,
                            config.properties()));
        }
        Function<Path, String> blacklistedBy = config == null ? NOT_BLACKLISTED : config.blacklistedBy();
        boolean sameBlacklist = previous != null && blacklistedBy(previous.config) == blacklistedBy;
        boolean sameMaps = before != null && before.maps().keySet().equals(topology.maps().keySet());
        // Same maps: the same map paths; the group lists are copied only when a map's groups changed
        Map<String, String> mapPaths = sameMaps ? previous.mapPaths : new HashMap<>(topology.maps().size() * 2);
        Map<String, List<String>> groupPaths = sameMaps ? previous.groupPaths
                : new HashMap<>(topology.maps().size() * 2);
        boolean ownGroupPaths = !sameMaps;
        for (MultipathMap map : topology.maps().values()) {
            MultipathMap old = before == null ? null : before.maps().get(map.wwid());
            if (old != null && (old == map || old.equals(map))) {
                String mapPath = previous.mapPaths.get(map.wwid());
                List<String> groups = previous.groupPaths.get(map.wwid());
                objects.put(mapPath, previous.objects.get(mapPath));
                for (String groupPath : groups) {
                    objects.put(groupPath, previous.objects.get(groupPath));
                }
                if (!sameMaps) {
                    mapPaths.put(map.wwid(), mapPath);
                    groupPaths.put(map.wwid(), groups);
                }
                continue;
            }
            String mapPath = ObjectPaths.map(map.wwid());
            List<String> groups = new ArrayList<>(map.groups().size());
            objects.put(mapPath, mapObject(mapPath, map));
            for (PathGroup group : map.groups()) {
                String groupPath = ObjectPaths.group(map.wwid(), group.index());
                objects.put(groupPath, groupObject(groupPath, mapPath, group));
                groups.add(groupPath);
            }
            if (!sameMaps) {
                mapPaths.put(map.wwid(), mapPath);
            }
            if (!groups.equals(groupPaths.get(map.wwid()))) {
                if (!ownGroupPaths) {
                    groupPaths = new HashMap<>(groupPaths);
                    ownGroupPaths = true;
                }
                groupPaths.put(map.wwid(), List.copyOf(groups));
            }
        }
        boolean samePaths = before != null && before.paths().keySet().equals(topology.paths().keySet());
        Map<String, String> pathPaths = samePaths ? previous.pathPaths : new HashMap<>(topology.paths().size() * 2);
        Iterable<String> pathNames = samePaths ? previous.pathNames : new TreeMap<>(topology.paths()).keySet();
        for (String name : pathNames) {
            Path path = topology.paths().get(name);
            Path old = before == null ? null : before.paths().get(name);
            String objectPath = old == null ? ObjectPaths.path(name) : previous.pathPaths.get(name);
            boolean unchanged = sameBlacklist && old != null && (old == path || old.equals(path));
            objects.put(objectPath, unchanged ? previous.objects.get(objectPath)
                    : pathObject(objectPath, path, blacklistedBy.apply(path)));
            if (!samePaths) {
                pathPaths.put(name, objectPath);
            }
        }
        BusObject manager = managerObject(topology, version, sameMaps && samePaths ? previous : null, objects);
        objects.put(ObjectPaths.ROOT, manager);
        return new ExportModel(topology, config, objects, mapPaths, groupPaths, pathPaths,
                samePaths ? previous.pathNames : List.copyOf((java.util.Collection<String>) pathNames));
    }

    private static final Function<Path, String> NOT_BLACKLISTED = path -> "";

    private static Function<Path, String> blacklistedBy(ConfigView config) {
        return config == null ? NOT_BLACKLISTED : config.blacklistedBy();
    }

    /** The manager; its lists are rebuilt only when the set of maps or paths changed. */
    private static BusObject managerObject(Topology topology, String version, ExportModel sameObjects,
            Map<String, BusObject> objects) {
        PropertyTable table = new PropertyTable()
                .string("Version", version)
                .uint64("Generation", topology.generation());
        if (sameObjects != null) {
            Map<String, Variant<?>> old = sameObjects.objects.get(ObjectPaths.ROOT).interfaces()
                    .get(ObjectPaths.MANAGER_INTERFACE);
            table.reuse("Maps", old.get("Maps")).reuse("Paths", old.get("Paths"));
        } else {
            List<String> mapPaths = new ArrayList<>(topology.maps().size());
            List<String> pathPaths = new ArrayList<>(topology.paths().size());
            for (BusObject object : objects.values()) {
                if (object == null) {
                    continue;
                }
                if (object.kind() == ObjectKind.MAP) {
                    mapPaths.add(object.path());
                } else if (object.kind() == ObjectKind.PATH) {
                    pathPaths.add(object.path());
                }
            }
            table.objects("Maps", mapPaths).objects("Paths", pathPaths);
        }
        return BusObject.of(ObjectPaths.ROOT, ObjectKind.MANAGER, ObjectPaths.MANAGER_INTERFACE,
                table.strings("Checkers", new ArrayList<>(topology.checkers())).build());
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

    private static BusObject pathObject(String objectPath, Path path, String blacklistedBy) {
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
                .string("Blacklisted", blacklistedBy)
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

    ConfigView config() {
        return config;
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

    /** {@link #managedObjects()} marshalled as a message body of type a{oa{sa{sv}}}. Computed once per model. */
    byte[] managedObjectsWire() {
        byte[] wire = managedObjectsWire;
        if (wire == null) {
            WireWriter writer = new WireWriter(objects.size() * 1024);
            writer.managedObjects(managedObjects());
            wire = writer.toByteArray();
            managedObjectsWire = wire;
        }
        return wire;
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
