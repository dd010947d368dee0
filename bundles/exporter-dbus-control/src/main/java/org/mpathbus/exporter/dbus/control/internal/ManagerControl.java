package org.mpathbus.exporter.dbus.control.internal;

import java.util.Map;
import java.util.regex.Pattern;

import org.mpathbus.api.Topology;
import org.mpathbus.exporter.dbus.spi.BusCall;
import org.mpathbus.exporter.dbus.spi.BusError;
import org.mpathbus.exporter.dbus.spi.CallerText;
import org.mpathbus.exporter.dbus.spi.BusReply;
import org.mpathbus.exporter.dbus.spi.ExportedObjects;
import org.mpathbus.exporter.dbus.spi.ObjectType;

/**
 * org.mpathbus.Multipath1.ManagerControl on the manager object: AddPath (replies with the map the device
 * joined), Reconfigure, AddWwid and ForgetWwid (which return on the owner's answer: the WWIDs file shows
 * nowhere in the exported objects).
 */
final class ManagerControl extends ControlInterface {

    static final String NAME = "org.mpathbus.Multipath1.ManagerControl";

    /** A kernel block device name (sdb, nvme0n1, cciss!c0d0): no slash, no white space. */
    private static final Pattern DEVICE = Pattern.compile("[A-Za-z0-9!._:+-]{1,64}");
    /** What multipath-tools take for a WWID: at most WWID_SIZE (128) characters, none that would break a line
     *  of the WWIDs file ("/WWID/"). */
    private static final Pattern WWID = Pattern.compile("[\\x21-\\x2e\\x30-\\x7e]{1,127}");

    private final ExportedObjects exported;
    private final Changes changes;

    ManagerControl(ExportedObjects exported, Changes changes) {
        super(NAME, ObjectType.MANAGER, Map.of("AddPath", MANAGE_PATHS, "Reconfigure", RECONFIGURE,
                "AddWwid", MANAGE_WWIDS, "ForgetWwid", MANAGE_WWIDS));
        this.exported = exported;
        this.changes = changes;
    }

    @Override
    BusReply call(BusCall call, Deadline deadline) throws BusError, InterruptedException {
        String source = call.topology().source();
        switch (call.member()) {
        case "AddPath":
            String device = device(stringArgument(call, 0, "device"));
            Topology shown = changes.carryOut(source, "add path " + device,
                    (control, timeout) -> control.addPath(device, timeout), Effect.deviceInAMap(device), deadline);
            String wwid = shown.path(device).orElseThrow().mapWwid();
            return BusReply.objectPath(exported.objectPath(shown.map(wwid).orElseThrow()));
        case "Reconfigure":
            changes.carryOut(source, "reconfigure", (control, timeout) -> control.reconfigure(timeout),
                    Effect.reread("reconfigure"), deadline);
            return BusReply.EMPTY;
        case "AddWwid":
            String added = wwid(call);
            changes.ask(source, "add WWID " + added, (control, timeout) -> control.addWwid(added, timeout), deadline);
            return BusReply.EMPTY;
        default:
            String forgotten = wwid(call);
            changes.ask(source, "forget WWID " + forgotten,
                    (control, timeout) -> control.forgetWwid(forgotten, timeout), deadline);
            return BusReply.EMPTY;
        }
    }

    /** "sdb" from "sdb" or "/dev/sdb". */
    static String device(String argument) throws BusError {
        String name = argument.startsWith("/dev/") ? argument.substring("/dev/".length()) : argument;
        if (!DEVICE.matcher(name).matches()) {
            throw new BusError(BusError.INVALID_ARGS, "AddPath: argument 'device' must name a block device such as "
                    + "sdb or /dev/sdb, not " + CallerText.quote(argument));
        }
        return name;
    }

    private static String wwid(BusCall call) throws BusError {
        String wwid = stringArgument(call, 0, "wwid");
        if (!WWID.matcher(wwid).matches()) {
            throw new BusError(BusError.INVALID_ARGS, call.member() + ": argument 'wwid' must be 1 to 127 printable "
                    + "characters without '/' or white space, not " + CallerText.quote(wwid));
        }
        return wwid;
    }
}
