package org.mpathbus.shell.internal;

import java.util.List;

import org.mpathbus.api.control.MultipathControl;
import org.mpathbus.api.control.Outcome;

/**
 * The administrator's commands on maps and paths, each one {@link MultipathControl} operation: its Gogo name,
 * its operands and its help. Distinct from the simulator's fault injection (mpath:fail, ...): these have the
 * owner of the maps (multipathd, or the simulator's) act, as a D-Bus client would.
 */
enum ControlCommand {

    PATH_FAIL("path-fail", "fail a path in its map, as multipathd fail path", "PATH") {
        @Override
        Outcome run(MultipathControl control, ControlArguments request) {
            return control.failPath(request.path(0), request.timeout());
        }
    },
    PATH_REINSTATE("path-reinstate", "reinstate a failed path, as multipathd reinstate path", "PATH") {
        @Override
        Outcome run(MultipathControl control, ControlArguments request) {
            return control.reinstatePath(request.path(0), request.timeout());
        }
    },
    PATH_REMOVE("path-remove", "take a path out of its map, as multipathd del path", "PATH") {
        @Override
        Outcome run(MultipathControl control, ControlArguments request) {
            return control.removePath(request.path(0), request.timeout());
        }
    },
    PATH_ADD("path-add", "have a block device (sdb) join the map of its WWID, as multipathd add path", "DEVICE") {
        @Override
        Outcome run(MultipathControl control, ControlArguments request) {
            return control.addPath(request.device(0), request.timeout());
        }
    },
    MAP_FLUSH("map-flush", "remove a map that nobody holds open, as multipathd del map (multipath -f)", "MAP") {
        @Override
        Outcome run(MultipathControl control, ControlArguments request) {
            return control.flushMap(request.map(0), request.timeout());
        }
    },
    MAP_RESIZE("map-resize", "give a map the size of its paths after the LUN grew, as multipathd resize map", "MAP") {
        @Override
        Outcome run(MultipathControl control, ControlArguments request) {
            return control.resizeMap(request.map(0), request.timeout());
        }
    },
    MAP_SWITCHGROUP("map-switchgroup", "send a map's I/O to path group N (1-based), as multipathd switchgroup",
            "MAP", "N") {
        @Override
        Outcome run(MultipathControl control, ControlArguments request) {
            return control.switchGroup(request.map(0), request.group(1), request.timeout());
        }
    },
    MAP_QUEUEING("map-queueing", "off fails I/O at once while a map has no path (disablequeueing); on restores"
            + " its configured queueing (restorequeueing)", "MAP", "on|off") {
        @Override
        Outcome run(MultipathControl control, ControlArguments request) {
            return control.setQueueing(request.map(0), request.onOff(1), request.timeout());
        }
    },
    RECONFIGURE("reconfigure", "have multipathd re-read its configuration and rebuild its maps") {
        @Override
        Outcome run(MultipathControl control, ControlArguments request) {
            return control.reconfigure(request.timeout());
        }
    },
    WWID_ADD("wwid-add", "record a WWID in the WWIDs file, as multipath -a", "WWID") {
        @Override
        Outcome run(MultipathControl control, ControlArguments request) {
            return control.addWwid(request.text(0), request.timeout());
        }
    },
    WWID_FORGET("wwid-forget", "remove a WWID from the WWIDs file, as multipath -w", "WWID") {
        @Override
        Outcome run(MultipathControl control, ControlArguments request) {
            return control.forgetWwid(request.text(0), request.timeout());
        }
    };

    final String function;
    final String description;
    final List<String> operands;

    ControlCommand(String function, String description, String... operands) {
        this.function = function;
        this.description = description;
        this.operands = List.of(operands);
    }

    /** Carries out the command through {@code control}; the operands are checked and found already. */
    abstract Outcome run(MultipathControl control, ControlArguments request);

    String usage() {
        StringBuilder usage = new StringBuilder("mpath:").append(function).append(" [--timeout SECONDS]");
        operands.forEach(operand -> usage.append(' ').append(operand));
        return usage.toString();
    }

    /** The help text: usage, what it does, what the operands and the option take. */
    String help() {
        StringBuilder help = new StringBuilder(usage()).append("\n  ").append(description).append('\n');
        for (String operand : operands) {
            switch (operand) {
                case "PATH" -> help.append("  PATH: kernel name (sdb), /dev/sdb or major:minor\n");
                case "MAP" -> help.append("  MAP: WWID, name, /dev/mapper/NAME, dm-N or major:minor\n");
                case "DEVICE" -> help.append("  DEVICE: the block device's kernel name (sdb) or /dev/sdb\n");
                default -> {
                }
            }
        }
        return help.append("  --timeout SECONDS: how long to wait for the answer (default ")
                .append(ControlArguments.DEFAULT_TIMEOUT.toSeconds()).append(")\n").toString();
    }
}
