package org.mpathbus.simulator.internal;

import org.mpathbus.api.control.Outcome;

/**
 * The simulated multipathd's answer to a request it did not carry out, in the words multipathd 0.9.8 and
 * later sends its clients. Thrown from the SAN's thread to the control, which hands the outcome back.
 */
final class Refusal extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient Outcome outcome;

    private Refusal(Outcome.Kind kind, String words) {
        super(words, null, false, false);
        this.outcome = new Outcome(kind, words);
    }

    /** multipathd knows no such map, path or device. */
    static Refusal notFound() {
        return new Refusal(Outcome.Kind.NOT_FOUND, "device not found");
    }

    /** The map is open, so multipathd will not remove it. */
    static Refusal inUse() {
        return new Refusal(Outcome.Kind.IN_USE, "map or partition in use");
    }

    /** multipathd (or the kernel below it) refused: what it says for every other error. */
    static Refusal failed() {
        return new Refusal(Outcome.Kind.REFUSED, "fail");
    }

    /** Not found, in words of its own (the WWIDs file's, not multipathd's). */
    static Refusal notFound(String words) {
        return new Refusal(Outcome.Kind.NOT_FOUND, words);
    }

    Outcome outcome() {
        return outcome;
    }
}
