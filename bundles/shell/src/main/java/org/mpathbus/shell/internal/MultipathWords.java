package org.mpathbus.shell.internal;

import java.util.List;
import java.util.Locale;

import org.mpathbus.api.CheckerState;
import org.mpathbus.api.DeviceState;
import org.mpathbus.api.DmMapState;

/** The words and number formats multipath-tools prints (libmultipath/print.c), for output people compare. */
final class MultipathWords {

    static final String UNDEF = "[undef]";

    private MultipathWords() {
    }

    /** snprint_chk_state: ready, faulty, ghost, i/o pending ...; what multipath -ll and show maps json print. */
    static String checkerState(CheckerState state) {
        return switch (state) {
            case UP -> "ready";
            case DOWN -> "faulty";
            case SHAKY -> "shaky";
            case GHOST -> "ghost";
            case PENDING -> "i/o pending";
            case TIMEOUT -> "i/o timeout";
            case DELAYED -> "delayed";
            default -> "undef";
        };
    }

    static String deviceState(DeviceState state) {
        return state.label();
    }

    static String mapState(DmMapState state) {
        return state == DmMapState.SUSPENDED ? "suspend" : "active";
    }

    static String writeProtection(boolean writeProtected) {
        return writeProtected ? "ro" : "rw";
    }

    /** The table's feature field with its count: "1 queue_if_no_path", or "0". */
    static String features(List<String> features) {
        return features.isEmpty() ? "0" : features.size() + " " + String.join(" ", features);
    }

    /** The table's hardware handler field with its count: "1 alua", or "0". Sources may omit the count. */
    static String hardwareHandler(String handler) {
        String value = handler.strip();
        if (value.isEmpty()) {
            return "0";
        }
        if (Character.isDigit(value.charAt(0))) {
            return value;
        }
        return value.split("\\s+").length + " " + value;
    }

    /** snprint_size: KiB, MiB ... PiB with one decimal below 10 ("10G", "2.0G", "16M"). */
    static String size(long bytes) {
        double value = bytes / 1024.0;
        char[] units = {'K', 'M', 'G', 'T', 'P'};
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%." + (value < 10 ? 1 : 0) + "f%c", value, units[unit]);
    }

    /** snprint_path_lunhex: the LUN in SCSI's 8-byte (int_to_scsilun) form, "0x0001000000000000" for LUN 1. */
    static String lunHex(long lun) {
        if (lun < 0) {
            return UNDEF;
        }
        long hex = 0;
        for (int level = 0; level < 4; level++) {
            hex |= ((lun >>> (level * 16)) & 0xffff) << (48 - level * 16);
        }
        return String.format("0x%016x", hex);
    }

    static String orUndef(String value) {
        return value.isEmpty() ? UNDEF : value;
    }
}
