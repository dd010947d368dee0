package org.mpathbus.api;

/** A path checker's verdict, with multipath-tools' names (libmultipath/checkers.h). */
public enum CheckerState implements Labeled {
    UP,
    DOWN,
    /** Reachable but in standby (ALUA standby): usable only after a group switch. */
    GHOST,
    /** The check has not finished, or the device is transitioning. */
    PENDING,
    /** The check did not answer within checker_timeout. */
    TIMEOUT,
    SHAKY,
    DELAYED,
    /** No check has run: no checker is installed for this path, or none ran yet. Never a failure. */
    UNCHECKED,
    /** The checker cannot work with this device (for example SG_IO unsupported). */
    WILD,
    /** The device is gone. */
    REMOVED,
    /** The target reports the LUN as no longer connected. */
    DISCONNECTED;

    /** Up or ghost: multipathd counts such a path as usable. */
    public boolean isUsable() {
        return this == UP || this == GHOST;
    }

    public static CheckerState fromLabel(String label) {
        CheckerState state = Labeled.fromLabel(CheckerState.class, label, null);
        if (state == null) {
            throw new IllegalArgumentException("unknown checker state '" + label + "'");
        }
        return state;
    }
}
