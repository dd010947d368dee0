package org.mpathbus.config;

/** A change that was not made, or was undone: what kind of refusal, and why in words. */
public final class ConfigEditException extends Exception {

    private static final long serialVersionUID = 1L;

    /** What went wrong, for a caller that maps it onto its own errors. */
    public enum Kind {
        /** The change itself is wrong: the parser's or multipath -t's words with file:line; nothing written. */
        INVALID,
        /** What is to be removed is not in the drop-in (the message says where it is, if elsewhere). */
        NOT_FOUND,
        /** Another change held the one writer past the deadline. */
        BUSY,
        /** The change was written but not seen in force within the deadline; the previous file is back. */
        TIMEOUT,
        /** Writing or applying failed; the message says why and whether the previous file is back. */
        FAILED
    }

    private final Kind kind;

    public ConfigEditException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
