package org.mpathbus.exporter.dbus.control.internal;

import org.mpathbus.api.control.Outcome;
import org.mpathbus.exporter.dbus.spi.BusError;
import org.mpathbus.exporter.dbus.spi.CallerText;

/**
 * The D-Bus error a caller gets for an owner's answer other than OK: a typed name a program can act on, and a
 * message that names the change and its target and keeps the owner's own words.
 */
final class OutcomeErrors {

    private static final int OWNER_CHARS = 1024;

    private OutcomeErrors() {
    }

    /**
     * @param change what was asked, with its target, such as "fail path sdb (map mpatha)"
     * @param owner who was asked, such as "multipathd"
     */
    static BusError error(Outcome outcome, String change, String owner) {
        // The change names the caller's target and the owner may echo it: both quoted, one line, capped
        change = CallerText.quote(change);
        String said = outcome.message().isEmpty() ? "" : "; " + owner + " said: "
                + CallerText.escaped(outcome.message(), OWNER_CHARS);
        switch (outcome.kind()) {
        case NOT_FOUND:
            return new BusError(BusError.NOT_FOUND, change + ": " + owner + " does not know it" + said);
        case IN_USE:
            return new BusError(BusError.IN_USE, change + ": the map is in use (open or held)" + said);
        case BUSY:
            return new BusError(BusError.BUSY, change + ": " + owner + " is busy and did nothing; try again" + said);
        case TIMEOUT:
            return new BusError(BusError.TIMEOUT, change + ": " + owner + " did not answer in time" + said);
        case REFUSED:
            return new BusError(BusError.FAILED, change + ": " + owner + " refused or failed" + said);
        case UNAVAILABLE:
            return new BusError(BusError.FAILED, change + ": " + owner + " cannot be reached" + said);
        case OK:
        default:
            throw new IllegalArgumentException("not an error: " + outcome);
        }
    }
}
