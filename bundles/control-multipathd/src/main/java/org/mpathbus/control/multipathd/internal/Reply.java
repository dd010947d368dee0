package org.mpathbus.control.multipathd.internal;

import java.util.List;
import java.util.Locale;

import org.mpathbus.api.control.Outcome;

/**
 * What one multipathd reply says, from its words. multipath-tools 0.9.4 (uxlsnr.c, default_reply) answers
 * "ok\n" for success, "timeout\n" when the command could not take multipathd's lock within uxsock_timeout
 * (nothing was done), "permission deny: need to be root\n", the CLI's usage text for a command it does not
 * know, a handler's own text ("blacklisted\n" from add path), and "fail\n" for every other failure,
 * a map that is not there and one that is open alike. Later releases (0.9.8 on) add the reason:
 * "fail\n" then "timeout", "map or partition in use", "device not found"; those words are read too.
 */
record Reply(Kind kind, String message) {

    enum Kind {
        OK,
        /** multipathd could not take its lock in time and did nothing: the command may be sent again. */
        RETRY,
        /** "fail" and nothing more: what failed needs asking (see MultipathdControl). */
        FAIL,
        NOT_FOUND,
        IN_USE,
        BUSY,
        REFUSED
    }

    static Reply of(String text) {
        String message = text.strip();
        List<String> lines = message.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        String lower = message.toLowerCase(Locale.ROOT);
        Kind kind;
        if (lines.isEmpty() || lines.equals(List.of("ok"))) {
            kind = Kind.OK;
        } else if (lines.contains("timeout")) {
            kind = Kind.RETRY;
        } else if (lower.contains("in use")) {
            kind = Kind.IN_USE;
        } else if (lower.contains("not found")) {
            kind = Kind.NOT_FOUND;
        } else if (lower.contains("busy")) {
            kind = Kind.BUSY;
        } else if (lines.equals(List.of("fail"))) {
            kind = Kind.FAIL;
        } else {
            // permission deny, blacklisted, the usage text of a command it did not take, a reason we do not know
            kind = Kind.REFUSED;
        }
        return new Reply(kind, message.equals("ok") ? "" : message);
    }

    /** The outcome this reply is by itself; FAIL needs asking, so a bare "fail" is a refusal here. */
    Outcome outcome() {
        return new Outcome(switch (kind) {
            case OK -> Outcome.Kind.OK;
            case RETRY -> Outcome.Kind.TIMEOUT;
            case NOT_FOUND -> Outcome.Kind.NOT_FOUND;
            case IN_USE -> Outcome.Kind.IN_USE;
            case BUSY -> Outcome.Kind.BUSY;
            case FAIL, REFUSED -> Outcome.Kind.REFUSED;
        }, message);
    }
}
