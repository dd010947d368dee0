package org.mpathbus.api.control;

import java.util.Objects;

/**
 * What the owner of the maps answered to one operation: a kind a program can act on, and the owner's own
 * words ({@code message}, as multipathd wrote them, stripped of the trailing newline; empty when it said
 * nothing more than "ok").
 */
public record Outcome(Kind kind, String message) {

    /** The kinds of answer. */
    public enum Kind {
        /** Done. */
        OK,
        /** No such map, path or device (as the owner knows them). */
        NOT_FOUND,
        /** The map is open or has holders, so it cannot be removed. */
        IN_USE,
        /** The owner is busy (for example reconfiguring) and did nothing; trying later may succeed. */
        BUSY,
        /** No answer within the caller's time (the owner may still act on it). */
        TIMEOUT,
        /** The owner answered and refused, or failed doing it. */
        REFUSED,
        /** The owner could not be reached (multipathd not running, its socket refused). */
        UNAVAILABLE
    }

    public Outcome {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    public static Outcome ok() {
        return new Outcome(Kind.OK, "");
    }

    public boolean isOk() {
        return kind == Kind.OK;
    }
}
