package org.mpathbus.exporter.dbus.control.internal;

import java.util.Map;

import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.PathGroup;
import org.mpathbus.api.Topology;
import org.mpathbus.exporter.dbus.spi.BusCall;
import org.mpathbus.exporter.dbus.spi.BusError;
import org.mpathbus.exporter.dbus.spi.BusReply;
import org.mpathbus.exporter.dbus.spi.ExportedObjects;
import org.mpathbus.exporter.dbus.spi.ObjectType;

/**
 * org.mpathbus.Multipath1.MapControl on every map object: Flush, Resize, SwitchGroup, SetQueueing. The model
 * shows a flush (the map is gone) precisely; a resize, a switched group (the kernel's next group is not in
 * the model) and a queueing change (no dm event announces it; a restored value depends on the
 * configuration) are waited for as a re-read of the source after multipathd's OK.
 */
final class MapControl extends ControlInterface {

    static final String NAME = "org.mpathbus.Multipath1.MapControl";

    private final ExportedObjects exported;
    private final Changes changes;

    MapControl(ExportedObjects exported, Changes changes) {
        super(NAME, ObjectType.MAP, Map.of("Flush", MANAGE_MAPS, "Resize", MANAGE_MAPS, "SwitchGroup", MANAGE_MAPS,
                "SetQueueing", MANAGE_MAPS));
        this.exported = exported;
        this.changes = changes;
    }

    @Override
    BusReply call(BusCall call, Deadline deadline) throws BusError, InterruptedException {
        Topology topology = call.topology();
        MultipathMap map = exported.map(topology, call.objectPath()).orElseThrow(
                () -> new BusError(BusError.NOT_FOUND, "no map is exported at " + call.objectPath()));
        String target = "map " + map.name();
        String source = topology.source();
        switch (call.member()) {
        case "Flush":
            changes.carryOut(source, "flush " + target, (control, timeout) -> control.flushMap(map, timeout),
                    Effect.mapGone(map.wwid(), map.name()), deadline);
            break;
        case "Resize":
            changes.carryOut(source, "resize " + target, (control, timeout) -> control.resizeMap(map, timeout),
                    Effect.reread("resize " + target), deadline);
            break;
        case "SwitchGroup":
            int group = groupOf(call, topology, map);
            String change = "switch " + target + " to group " + group;
            changes.carryOut(source, change, (control, timeout) -> control.switchGroup(map, group, timeout),
                    Effect.reread(change), deadline);
            break;
        default:
            boolean queueing = booleanArgument(call, 0, "queueing");
            // Either way a re-read: the kernel sends no dm event when queueing changes (seen in the lab), so
            // the exported objects would show it only at the source's next reconcile.
            String queueingChange = (queueing ? "restore" : "disable") + " queueing of " + target;
            changes.carryOut(source, queueingChange, (control, timeout) -> control.setQueueing(map, queueing, timeout),
                    Effect.reread(queueingChange), deadline);
            break;
        }
        return BusReply.EMPTY;
    }

    /** The 1-based index of the group object argument, which must be one of {@code map}'s groups. */
    private int groupOf(BusCall call, Topology topology, MultipathMap map) throws BusError {
        String groupPath = stringArgument(call, 0, "group");
        PathGroup group = exported.group(topology, groupPath).orElseThrow(() -> new BusError(BusError.INVALID_ARGS,
                "SwitchGroup: argument 'group' " + groupPath + " is no path group object"));
        MultipathMap owner = exported.map(topology, groupPath).orElseThrow(() -> new BusError(BusError.INVALID_ARGS,
                "SwitchGroup: argument 'group' " + groupPath + " belongs to no map"));
        if (!owner.wwid().equals(map.wwid())) {
            throw new BusError(BusError.INVALID_ARGS, "SwitchGroup: argument 'group' " + groupPath
                    + " is a group of map " + owner.name() + ", not of map " + map.name());
        }
        return group.index();
    }
}
