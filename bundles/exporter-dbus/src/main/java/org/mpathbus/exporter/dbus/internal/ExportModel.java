package org.mpathbus.exporter.dbus.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.types.Variant;
import org.mpathbus.api.DeviceLookup;
import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.Topology;

/**
 * Everything exported for one topology snapshot, and how calls find it: every object by path and in listing
 * order, the object tree's child nodes, and Lookup. Immutable; built by {@link ModelBuilder} on the writer thread;
 * method calls read whichever model is published, without locks.
 */
final class ExportModel {

    /** What the first model is built from: no objects at all. */
    static final ExportModel NOTHING = new ExportModel(Topology.empty(""), null, AddedInterfaces.NONE,
            ObjectIndex.builder().build(), List.of());

    private final Topology topology;
    /** The multipath configuration shown, null while it is not read. */
    private final ConfigView config;
    /** The whiteboard's interfaces, which every object of their kind carries with no properties. */
    private final AddedInterfaces added;
    private final ObjectIndex objects;
    /**
     * The object paths of the objects that may differ from the model this one was built from (every object of a
     * first model), in the order their signals go out: the manager, the configuration, each map before its
     * groups, then the paths by name.
     */
    private final List<String> touched;
    private volatile List<BusObject> inOrder;
    private final ManagedObjectsWire wire = new ManagedObjectsWire(this);

    ExportModel(Topology topology, ConfigView config, AddedInterfaces added, ObjectIndex objects,
            List<String> touched) {
        this.topology = topology;
        this.config = config;
        this.added = added;
        this.objects = objects;
        this.touched = touched;
    }

    Topology topology() {
        return topology;
    }

    ConfigView config() {
        return config;
    }

    AddedInterfaces added() {
        return added;
    }

    /**
     * The interfaces and properties of {@code object} as clients see them: its own, then each added interface
     * of its kind with no properties.
     */
    Map<String, Map<String, Variant<?>>> interfacesOf(BusObject object) {
        List<AddedInterface> extra = added.of(object.kind());
        if (extra.isEmpty()) {
            return object.interfaces();
        }
        Map<String, Map<String, Variant<?>>> all = new LinkedHashMap<>(object.interfaces());
        for (AddedInterface iface : extra) {
            all.put(iface.name(), Map.of());
        }
        return Collections.unmodifiableMap(all);
    }

    /** The added interface {@code name} when the object at {@code path} carries it, else null. */
    AddedInterface addedInterface(String path, String name) {
        AddedInterface iface = added.named(name);
        BusObject object = iface == null ? null : objects.get(path);
        return object != null && object.kind() == iface.kind() ? iface : null;
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
     * gets {@link #wire()}), so a model does not keep a second index of its objects.
     */
    Map<DBusPath, Map<String, Map<String, Variant<?>>>> managedObjects() {
        Map<DBusPath, Map<String, Map<String, Variant<?>>>> result = new LinkedHashMap<>(objects.size() * 2);
        for (BusObject object : objects()) {
            if (object.kind() != ObjectKind.MANAGER) {
                result.put(new DBusPath(object.path()), interfacesOf(object));
            }
        }
        return Collections.unmodifiableMap(result);
    }

    /** The reply body of GetManagedObjects, made once per model. */
    ManagedObjectsWire wire() {
        return wire;
    }

    /** The index of every object by path, for the next model to start from. */
    ObjectIndex index() {
        return objects;
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
        Optional<MultipathMap> map = DeviceLookup.findMap(topology, id);
        if (map.isPresent()) {
            return ObjectPaths.map(map.get().wwid());
        }
        return DeviceLookup.findPath(topology, id).map(path -> ObjectPaths.path(path.name())).orElse(ObjectPaths.NONE);
    }
}
