package org.mpathbus.exporter.dbus.spi;

/** A call that failed: the D-Bus error name and message the caller gets. */
public final class BusError extends Exception {

    private static final long serialVersionUID = 1L;

    private static final String PREFIX = "org.mpathbus.Multipath1.Error.";
    public static final String NOT_AUTHORIZED = PREFIX + "NotAuthorized";
    public static final String NOT_AUTHORIZED_CAN_OBTAIN = PREFIX + "NotAuthorizedCanObtain";
    public static final String NOT_AUTHORIZED_DISMISSED = PREFIX + "NotAuthorizedDismissed";
    public static final String NOT_FOUND = PREFIX + "NotFound";
    public static final String IN_USE = PREFIX + "InUse";
    public static final String BUSY = PREFIX + "Busy";
    public static final String TIMEOUT = PREFIX + "Timeout";
    public static final String FAILED = PREFIX + "Failed";
    /** Bad arguments or options; the message says which. */
    public static final String INVALID_ARGS = "org.freedesktop.DBus.Error.InvalidArgs";

    private final String errorName;

    public BusError(String errorName, String message) {
        super(message);
        this.errorName = errorName;
    }

    public String errorName() {
        return errorName;
    }
}
