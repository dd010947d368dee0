package org.mpathbus.exporter.dbus.internal;

import org.mpathbus.exporter.dbus.spi.BusError;
import org.mpathbus.exporter.dbus.spi.Caller;

/** Decides whether a caller may have a whiteboard method carried out. */
interface Authorizer {

    /**
     * Returns when {@code caller} may; throws the error the caller gets otherwise.
     *
     * @param action the polkit action of the method
     * @param what the change in words, for the message ("fail path sda")
     * @param interactive whether polkit may ask the user to authenticate
     * @param timeoutMillis how long the decision may take
     */
    void authorize(Caller caller, String action, String what, boolean interactive, long timeoutMillis)
            throws BusError, InterruptedException;
}
