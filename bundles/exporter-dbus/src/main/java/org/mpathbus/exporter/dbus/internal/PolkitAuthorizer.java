package org.mpathbus.exporter.dbus.internal;

import java.util.List;
import java.util.Map;

import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.mpathbus.exporter.dbus.spi.BusError;
import org.mpathbus.exporter.dbus.spi.Caller;

/**
 * Asks polkit (org.freedesktop.PolicyKit1.Authority.CheckAuthorization), with the caller's unique bus name as
 * the subject, never the daemon's own process, as udisks does. Root (uid 0, as the bus says) is let through without
 * asking, as systemd does, so a host whose polkitd lacks our policy still lets root act. Without a polkit authority
 * on the bus (the name has no owner and cannot be activated) only root may.
 */
final class PolkitAuthorizer implements Authorizer {

    static final String POLKIT = "org.freedesktop.PolicyKit1";
    static final String AUTHORITY_PATH = "/org/freedesktop/PolicyKit1/Authority";
    static final String AUTHORITY_INTERFACE = "org.freedesktop.PolicyKit1.Authority";
    static final String SIGNATURE = "(sa{sv})sa{ss}us";
    static final int ALLOW_USER_INTERACTION = 1;
    /** What the bus answers for a name nobody owns and nothing activates. */
    private static final List<String> NO_AUTHORITY = List.of("org.freedesktop.DBus.Error.ServiceUnknown",
            "org.freedesktop.DBus.Error.NameHasNoOwner");

    private final DBusConnection connection;

    PolkitAuthorizer(DBusConnection connection) {
        this.connection = connection;
    }

    /** The arguments of CheckAuthorization, in order, for the signature {@link #SIGNATURE}. */
    static Object[] checkArguments(Caller caller, String action, boolean interactive) {
        Object subject = new Object[] {"system-bus-name", Map.of("name", new Variant<>(caller.busName()))};
        return new Object[] {subject, action, Map.<String, String>of(),
            new UInt32(interactive ? ALLOW_USER_INTERACTION : 0), ""};
    }

    @Override
    public void authorize(Caller caller, String action, String what, boolean interactive, long timeoutMillis)
            throws BusError, InterruptedException {
        if (caller.uid() == 0) {
            return;
        }
        Object[] reply;
        try {
            reply = BusCalls.call(connection, POLKIT, AUTHORITY_PATH, AUTHORITY_INTERFACE, "CheckAuthorization",
                    timeoutMillis, SIGNATURE, checkArguments(caller, action, interactive));
        } catch (BusCalls.ErrorReply e) {
            if (NO_AUTHORITY.contains(e.name())) {
                throw new BusError(BusError.NOT_AUTHORIZED, "Not authorized to " + what + " (polkit action " + action
                        + "): no polkit authority runs on the bus, so only root may");
            }
            throw new BusError(BusError.FAILED, "polkit could not decide whether to " + what + " (polkit action "
                    + action + "): " + e.name() + ": " + e.getMessage());
        } catch (BusCalls.NoReply e) {
            // What was left of the call's timeout, in whole seconds as the caller gave it
            throw new BusError(BusError.TIMEOUT, "polkit did not decide within " + (timeoutMillis + 999) / 1000
                    + " s whether to " + what + " (polkit action " + action + ")");
        } catch (DBusException | RuntimeException e) {
            throw new BusError(BusError.FAILED, "cannot ask polkit whether to " + what + ": " + e.getMessage());
        }
        decide(reply, action, what);
    }

    /** Turns polkit's (bba{ss}) answer into the call going on or the error the caller gets. */
    static void decide(Object[] reply, String action, String what) throws BusError {
        List<?> result;
        try {
            result = (List<?>) WireValues.toPlain(reply[0], "(bba{ss})");
        } catch (RuntimeException e) {
            throw new BusError(BusError.FAILED, "polkit answered CheckAuthorization with something else than"
                    + " (bba{ss}): " + e.getMessage());
        }
        boolean authorized = (Boolean) result.get(0);
        boolean challenge = (Boolean) result.get(1);
        Map<?, ?> details = (Map<?, ?>) result.get(2);
        String because = " (polkit action " + action + ")";
        if (authorized) {
            return;
        }
        if (challenge) {
            throw new BusError(BusError.NOT_AUTHORIZED_CAN_OBTAIN, "Not authorized to " + what + because
                    + "; authentication would allow it: call again without auth.no_user_interaction, with a polkit"
                    + " agent running");
        }
        if ("true".equals(details.get("polkit.dismissed"))) {
            throw new BusError(BusError.NOT_AUTHORIZED_DISMISSED, "Not authorized to " + what + because
                    + ": the authentication dialog was dismissed");
        }
        throw new BusError(BusError.NOT_AUTHORIZED, "Not authorized to " + what + because);
    }
}
