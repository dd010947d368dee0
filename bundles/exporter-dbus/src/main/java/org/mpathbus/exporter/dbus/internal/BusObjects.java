package org.mpathbus.exporter.dbus.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.freedesktop.dbus.types.Variant;
import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.MultipathdState;
import org.mpathbus.api.Path;
import org.mpathbus.api.PathGroup;
import org.mpathbus.api.Topology;

/** The API's model as D-Bus objects: one object per manager, configuration, map, group and path, as docs/dbus says. */
final class BusObjects {

    private BusObjects() {
    }

    static BusObject config(ConfigView config) {
        return BusObject.of(ObjectPaths.CONFIG, ObjectKind.CONFIG, ObjectPaths.CONFIG_INTERFACE, config.properties());
    }

    /** The manager; its lists are rebuilt only when the maps (or their order) or the set of paths changed. */
    static BusObject manager(Topology topology, String version, BusObject previous, boolean sameMaps,
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
        MultipathdState multipathd = topology.multipathd();
        return BusObject.of(ObjectPaths.ROOT, ObjectKind.MANAGER, ObjectPaths.MANAGER_INTERFACE,
                table.strings("Checkers", new ArrayList<>(topology.checkers()))
                        .string("MultipathdState", multipathd.state())
                        .bool("MultipathdBusy", multipathd.busy())
                        .bool("ReconfigurePending", multipathd.reconfigurePending())
                        .build());
    }

    static BusObject map(String mapPath, MultipathMap map) {
        List<String> groups = new ArrayList<>();
        for (PathGroup group : map.groups()) {
            groups.add(ObjectPaths.group(map.wwid(), group.index()));
        }
        int active = map.activeGroupIndex();
        int next = map.nextGroupIndex();
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
                .object("NextPathGroup", next == 0 ? ObjectPaths.NONE : ObjectPaths.group(map.wwid(), next))
                .objects("Paths", pathObjectPaths(map.paths()))
                .uint32("PathCount", map.pathCount())
                .uint32("ValidPathCount", map.validPathCount())
                .string("Health", map.health().label())
                .bool("Usable", map.usable())
                .string("Kind", map.kind().label())
                .string("Subsystem", map.subsystem().name())
                .string("SubsystemNqn", map.subsystem().nqn())
                .string("IoPolicy", map.subsystem().iopolicy())
                .build());
    }

    static BusObject group(String groupPath, String mapPath, PathGroup group) {
        return BusObject.of(groupPath, ObjectKind.PATH_GROUP, ObjectPaths.PATH_GROUP_INTERFACE, new PropertyTable()
                .object("Map", mapPath)
                .uint32("Index", group.index())
                .int32("Priority", group.priority())
                .string("Selector", group.selector())
                .string("DmState", group.dmState().label())
                .objects("Paths", pathObjectPaths(group.paths()))
                .build());
    }

    static BusObject path(String objectPath, Path path) {
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
                .string("Blacklisted", path.blacklistedBy())
                .string("AnaState", path.anaState().label())
                .uint32("AnaGroup", path.anaGroup())
                .string("Controller", path.controller().name())
                .string("ControllerTransport", path.controller().transport())
                .string("ControllerAddress", path.controller().address())
                .string("ControllerState", path.controller().state())
                .build());
    }

    private static List<String> pathObjectPaths(List<Path> paths) {
        List<String> objectPaths = new ArrayList<>(paths.size());
        for (Path path : paths) {
            objectPaths.add(ObjectPaths.path(path.name()));
        }
        return objectPaths;
    }
}
