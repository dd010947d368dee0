package org.mpathbus.exporter.dbus.control.internal;

import java.util.Map;

import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.Path;
import org.mpathbus.api.Topology;
import org.mpathbus.exporter.dbus.spi.BusCall;
import org.mpathbus.exporter.dbus.spi.BusError;
import org.mpathbus.exporter.dbus.spi.BusReply;
import org.mpathbus.exporter.dbus.spi.ExportedObjects;
import org.mpathbus.exporter.dbus.spi.ObjectType;

/** org.mpathbus.Multipath1.PathControl on every path object: Fail, Reinstate, Remove. */
final class PathControl extends ControlInterface {

    static final String NAME = "org.mpathbus.Multipath1.PathControl";

    private final ExportedObjects exported;
    private final Changes changes;

    PathControl(ExportedObjects exported, Changes changes) {
        super(NAME, ObjectType.PATH, Map.of("Fail", MANAGE_PATHS, "Reinstate", MANAGE_PATHS, "Remove", MANAGE_PATHS));
        this.exported = exported;
        this.changes = changes;
    }

    @Override
    BusReply call(BusCall call, Deadline deadline) throws BusError, InterruptedException {
        Topology topology = call.topology();
        Path path = exported.path(topology, call.objectPath()).orElseThrow(
                () -> new BusError(BusError.NOT_FOUND, "no path is exported at " + call.objectPath()));
        String name = path.name();
        String target = "path " + name + topology.map(path.mapWwid()).map(MultipathMap::name)
                .map(map -> " (map " + map + ")").orElse("");
        String source = topology.source();
        switch (call.member()) {
        case "Fail":
            changes.carryOut(source, "fail " + target, (control, timeout) -> control.failPath(path, timeout),
                    Effect.pathFailed(name), deadline);
            break;
        case "Reinstate":
            changes.carryOut(source, "reinstate " + target, (control, timeout) -> control.reinstatePath(path, timeout),
                    Effect.pathActive(name), deadline);
            break;
        default:
            changes.carryOut(source, "remove " + target, (control, timeout) -> control.removePath(path, timeout),
                    Effect.pathInNoMap(name), deadline);
            break;
        }
        return BusReply.EMPTY;
    }
}
