package org.mpathbus.api;

/** The kernel's view of a path group, from the dm multipath status line (A, E or D). */
public enum DmGroupState implements Labeled {
    /** The group I/O currently goes to. */
    ACTIVE,
    /** A group that may be switched to. */
    ENABLED,
    /** A group the hardware handler or the kernel has bypassed. */
    DISABLED;

    /** Maps the status line's letter. */
    public static DmGroupState fromStatusLetter(String letter) {
        switch (letter) {
            case "A": return ACTIVE;
            case "E": return ENABLED;
            case "D": return DISABLED;
            default: throw new IllegalArgumentException("path group state must be A, E or D, not '" + letter + "'");
        }
    }
}
