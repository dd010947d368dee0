package org.mpathbus.exporter.dbus.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
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
 *
 * <p>A model is built from the previous one and costs what changed: the engine keeps an unchanged map the very
 * same instance from snapshot to snapshot, so a map that is {@code ==} its predecessor keeps its map, group and
 * path objects untouched, and only changed, added and removed maps (and the unmapped paths, when they changed)
 * are looked into. The engine makes a snapshot for every path change, at 17,500 objects.
 */
final class ExportModel {

    private static final Function<Path, String> NOT_BLACKLISTED = path -> "";
    /** What the first model is built from: no objects at all. */
    private static final ExportModel NOTHING = new ExportModel(Topology.empty(""), null,
            ObjectIndex.builder().build(), List.of());

    private final Topology topology;
    /** The multipath configuration shown, null while it is not read. */
    private final ConfigView config;
    private final ObjectIndex objects;
    /**
     * The object paths of the objects that may differ from the model this one was built from (every object of a
     * first model), in the order their signals go out: the manager, the configuration, each map before its
     * groups, then the paths by name.
     */
    private final List<String> touched;
    private volatile List<BusObject> inOrder;
    private volatile byte[] managedObjectsWire;

    private ExportModel(Topology topology, ConfigView config, ObjectIndex objects, List<String> touched) {
        this.topology = topology;
        this.config = config;
        this.objects = objects;
        this.touched = touched;
    }

    /**
     * Builds the model of {@code topology} from {@code previous} (null: from nothing). Path objects are built
     * anew for every path when the configuration's blacklist changed.
     *
     * @param config the multipath configuration to show, null when it is not read
     */
    static ExportModel build(Topology topology, ConfigView config, String version, ExportModel previous) {
        ExportModel base = previous == null ? NOTHING : previous;
        Topology before = base.topology;
        ObjectIndex.Builder objects = base.objects.toBuilder();
        List<String> touched = new ArrayList<>();
        touched.add(ObjectPaths.ROOT); // the manager changes with every update: Generation
        if (config != base.config) {
            if (config == null) {
                objects.remove(ObjectPaths.CONFIG);
            } else {
                objects.put(ObjectPaths.CONFIG, BusObject.of(ObjectPaths.CONFIG, ObjectKind.CONFIG,
                        ObjectPaths.CONFIG_INTERFACE, config.properties()));
            }
            touched.add(ObjectPaths.CONFIG);
        }
        Function<Path, String> blacklistedBy = blacklistedBy(config);
        boolean sameBlacklist = blacklistedBy(base.config) == blacklistedBy;

        // The paths of what changed, before and now, by name: sorted, so that their signals go out by name
        SortedMap<String, Path> oldPaths = new TreeMap<>();
        SortedMap<String, Path> newPaths = new TreeMap<>();
        for (MultipathMap map : topology.maps().values()) {
            MultipathMap old = before.maps().get(map.wwid());
            if (old != map) {
                replaceMap(old, map, objects, touched);
            }
            if (old != map || !sameBlacklist) {
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
        if (!sameBlacklist || !before.unmappedPaths().equals(topology.unmappedPaths())) {
            addPaths(before.unmappedPaths(), oldPaths);
            addPaths(topology.unmappedPaths(), newPaths);
        }

        boolean samePathNames = true;
        for (Path path : newPaths.values()) {
            Path old = oldPaths.remove(path.name());
            samePathNames &= old != null;
            if (old == null || !sameBlacklist || (old != path && !old.equals(path))) {
                String objectPath = ObjectPaths.path(path.name());
                objects.put(objectPath, pathObject(objectPath, path, blacklistedBy.apply(path)));
                touched.add(objectPath);
            }
        }
        for (String gone : oldPaths.keySet()) {
            String objectPath = ObjectPaths.path(gone);
            objects.remove(objectPath);
            touched.add(objectPath);
            samePathNames = false;
        }
        objects.put(ObjectPaths.ROOT, managerObject(topology, version, base.objects.get(ObjectPaths.ROOT),
                sameMaps, samePathNames));
        return new ExportModel(topology, config, objects.build(), Collections.unmodifiableList(touched));
    }

    private static Function<Path, String> blacklistedBy(ConfigView config) {
        return config == null ? NOT_BLACKLISTED : config.blacklistedBy();
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
            objects.put(mapPath, mapObject(mapPath, map));
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
                objects.put(groupPath, groupObject(groupPath, mapPath, group));
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

    /** The manager; its lists are rebuilt only when the maps (or their order) or the set of paths changed. */
    private static BusObject managerObject(Topology topology, String version, BusObject previous, boolean sameMaps,
            boolean samePathNames) {
        Map<String, Variant<?>> old = previous == null ? Map.of()
                : previous.interfaces().get(ObjectPaths.MANAGER_INTERFACE);
        PropertyTable table = new PropertyTable()
                .string("Version", version)
                .uint64("Generation", topology.generation());
        if (sameMaps && old.containsKey("Maps")) {
            table.reuse("Maps", old.get("Maps"));
        } else {
            List<String> mapPaths = new ArrayList<>(topology.maps().size());
            for (MultipathMap map : topology.maps().values()) {
                mapPaths.add(ObjectPaths.map(map.wwid()));
            }
            table.objects("Maps", mapPaths);
        }
        if (samePathNames && old.containsKey("Paths")) {
            table.reuse("Paths", old.get("Paths"));
        } else {
            List<String> pathPaths = new ArrayList<>(topology.paths().size());
            for (String name : new TreeMap<>(topology.paths()).keySet()) {
                pathPaths.add(ObjectPaths.path(name));
            }
            table.objects("Paths", pathPaths);
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

    /** Every object, the manager first, then the configuration, each map followed by its groups, the paths by name. */
    List<BusObject> objects() {
        List<BusObject> result = inOrder;
        if (result == null) {
            result = new ArrayList<>(objects.size());
            BusObject manager = objects.get(ObjectPaths.ROOT);
            Map<String, Variant<?>> lists = manager.interfaces().get(ObjectPaths.MANAGER_INTERFACE);
            result.add(manager);
            if (config != null) {
                result.add(objects.get(ObjectPaths.CONFIG));
            }
            for (DBusPath mapPath : paths(lists.get("Maps"))) {
                BusObject map = objects.get(mapPath.getPath());
                result.add(map);
                for (DBusPath groupPath : paths(map.interfaces().get(ObjectPaths.MAP_INTERFACE).get("PathGroups"))) {
                    result.add(objects.get(groupPath.getPath()));
                }
            }
            for (DBusPath pathPath : paths(lists.get("Paths"))) {
                result.add(objects.get(pathPath.getPath()));
            }
            result = Collections.unmodifiableList(result);
            inOrder = result;
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private static List<DBusPath> paths(Variant<?> objectPaths) {
        return (List<DBusPath>) objectPaths.getValue();
    }

    BusObject object(String path) {
        return objects.get(path);
    }

    /** Object paths of the objects that may differ from the model this one was built from, in signal order. */
    List<String> touched() {
        return touched;
    }

    /**
     * What ObjectManager.GetManagedObjects returns: every object below the manager. Made on each call (the bus
     * gets {@link #managedObjectsWire()}), so a model does not keep a second index of its objects.
     */
    Map<DBusPath, Map<String, Map<String, Variant<?>>>> managedObjects() {
        Map<DBusPath, Map<String, Map<String, Variant<?>>>> result = new LinkedHashMap<>(objects.size() * 2);
        for (BusObject object : objects()) {
            if (object.kind() != ObjectKind.MANAGER) {
                result.put(new DBusPath(object.path()), object.interfaces());
            }
        }
        return Collections.unmodifiableMap(result);
    }

    /** {@link #managedObjectsWire()} if it was made already, else null. */
    byte[] builtManagedObjectsWire() {
        return managedObjectsWire;
    }

    /** {@link #managedObjects()} marshalled as a message body of type a{oa{sa{sv}}}. Computed once per model. */
    byte[] managedObjectsWire() {
        byte[] wire = managedObjectsWire;
        if (wire == null) {
            // About 700 bytes an object: one array of the right size, not a doubling to twice the reply
            WireWriter writer = new WireWriter(objects.size() * 720);
            writer.managedObjects(managedObjects());
            wire = writer.toByteArray();
            managedObjectsWire = wire;
        }
        return wire;
    }

    /**
     * The names of the nodes right below {@code path} in the object tree, in listing order; null when
     * {@code path} is neither an object nor on the way to one.
     */
    List<String> childNames(String path) {
        BusObject object = objects.get(path);
        if (object != null) {
            return switch (object.kind()) {
                case MANAGER -> managerChildren(object);
                case MAP -> paths(object.interfaces().get(ObjectPaths.MAP_INTERFACE).get("PathGroups")).isEmpty()
                        ? List.of() : List.of("groups");
                default -> List.of();
            };
        }
        if (ObjectPaths.ROOT.startsWith(path) && (path.equals("/") || ObjectPaths.ROOT.startsWith(path + "/"))) {
            String rest = ObjectPaths.ROOT.substring(path.equals("/") ? 1 : path.length() + 1);
            return List.of(rest.contains("/") ? rest.substring(0, rest.indexOf('/')) : rest);
        }
        Map<String, Variant<?>> lists = objects.get(ObjectPaths.ROOT).interfaces().get(ObjectPaths.MANAGER_INTERFACE);
        if (path.equals(ObjectPaths.MAPS)) {
            return lastElements(paths(lists.get("Maps")));
        }
        if (path.equals(ObjectPaths.PATHS)) {
            return lastElements(paths(lists.get("Paths")));
        }
        if (path.endsWith("/groups")) {
            BusObject map = objects.get(path.substring(0, path.length() - "/groups".length()));
            if (map != null && map.kind() == ObjectKind.MAP) {
                return lastElements(paths(map.interfaces().get(ObjectPaths.MAP_INTERFACE).get("PathGroups")));
            }
        }
        return null;
    }

    private List<String> managerChildren(BusObject manager) {
        Map<String, Variant<?>> lists = manager.interfaces().get(ObjectPaths.MANAGER_INTERFACE);
        List<String> children = new ArrayList<>(3);
        if (config != null) {
            children.add(ObjectPaths.CONFIG.substring(ObjectPaths.ROOT.length() + 1));
        }
        if (!paths(lists.get("Maps")).isEmpty()) {
            children.add(ObjectPaths.MAPS.substring(ObjectPaths.ROOT.length() + 1));
        }
        if (!paths(lists.get("Paths")).isEmpty()) {
            children.add(ObjectPaths.PATHS.substring(ObjectPaths.ROOT.length() + 1));
        }
        return children;
    }

    private static List<String> lastElements(List<DBusPath> paths) {
        List<String> names = new ArrayList<>(paths.size());
        for (DBusPath path : paths) {
            names.add(path.getPath().substring(path.getPath().lastIndexOf('/') + 1));
        }
        return names;
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
