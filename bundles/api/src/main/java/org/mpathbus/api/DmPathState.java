package org.mpathbus.api;

/** The kernel's view of a path, from the dm multipath status line (A or F). */
public enum DmPathState implements Labeled {
    ACTIVE,
    FAILED,
    /** The path belongs to no map, so the kernel has no state for it. */
    UNDEF;

    /** Maps the status line's letter: A is active, F is failed. */
    public static DmPathState fromStatusLetter(String letter) {
        switch (letter) {
            case "A": return ACTIVE;
            case "F": return FAILED;
            default: throw new IllegalArgumentException("path state must be A or F, not '" + letter + "'");
        }
    }
}
