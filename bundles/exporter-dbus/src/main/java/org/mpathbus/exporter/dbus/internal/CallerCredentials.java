package org.mpathbus.exporter.dbus.internal;

import java.util.Map;

import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.types.Variant;
import org.mpathbus.exporter.dbus.spi.BusError;
import org.mpathbus.exporter.dbus.spi.Caller;

/** Who a caller is, as the bus says (org.freedesktop.DBus.GetConnectionCredentials), never as the caller says. */
final class CallerCredentials {

    private CallerCredentials() {
    }

    static Caller of(DBusConnection connection, String busName, long timeoutMillis)
            throws BusError, InterruptedException {
        try {
            Object[] reply = BusCalls.call(connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                    "org.freedesktop.DBus", "GetConnectionCredentials", timeoutMillis, "s", busName);
            Map<?, ?> credentials = (Map<?, ?>) reply[0];
            Object uid = unwrap(credentials.get("UnixUserID"));
            Object pid = unwrap(credentials.get("ProcessID"));
            if (!(uid instanceof Number)) {
                throw new BusError(BusError.FAILED, "the bus does not know the user of " + busName);
            }
            return new Caller(busName, ((Number) uid).longValue(), pid instanceof Number n ? n.longValue() : -1);
        } catch (DBusException | BusCalls.ErrorReply | BusCalls.NoReply | RuntimeException e) {
            throw new BusError(BusError.FAILED, "cannot learn who " + busName + " is from the bus: " + e.getMessage());
        }
    }

    private static Object unwrap(Object value) {
        return value instanceof Variant<?> variant ? variant.getValue() : value;
    }
}
