package org.mpathbus.exporter.dbus.internal;

import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.messages.Error;
import org.freedesktop.dbus.messages.Message;
import org.freedesktop.dbus.messages.MethodCall;

/**
 * Method calls the exporter makes itself (to the bus, to polkit), each with a deadline: a peer that never
 * answers costs the caller's wait, never a thread for good.
 */
final class BusCalls {

    /** The peer answered with an error. */
    static final class ErrorReply extends Exception {
        private static final long serialVersionUID = 1L;
        private final String name;

        ErrorReply(String name, String message) {
            super(message);
            this.name = name;
        }

        String name() {
            return name;
        }
    }

    /** No answer before the deadline. */
    static final class NoReply extends Exception {
        private static final long serialVersionUID = 1L;

        NoReply(String message) {
            super(message);
        }
    }

    private BusCalls() {
    }

    /** Calls {@code member} and returns its reply's values, waiting at most {@code timeoutMillis}. */
    static Object[] call(DBusConnection connection, String destination, String path, String iface, String member,
            long timeoutMillis, String signature, Object... args)
            throws DBusException, ErrorReply, NoReply, InterruptedException {
        MethodCall call = connection.getMessageFactory().createMethodCall(destination, path, iface, member, (byte) 0,
                signature, args);
        connection.sendMessage(call);
        // dbus-java waits once: a wake-up before the deadline (spurious, or by interruption) returns no reply
        long deadline = System.nanoTime() + Math.max(1, timeoutMillis) * 1_000_000;
        Message reply = null;
        for (long left = deadline - System.nanoTime(); reply == null && left > 0; left = deadline - System.nanoTime()) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("interrupted waiting for " + destination);
            }
            reply = call.getReply(Math.max(1, left / 1_000_000));
        }
        if (reply == null) {
            throw new NoReply(destination + " did not answer " + iface + "." + member + " within " + timeoutMillis
                    + " ms");
        }
        if (reply instanceof Error error) {
            Object[] values = error.getParameters();
            throw new ErrorReply(error.getName(), values != null && values.length > 0 ? String.valueOf(values[0]) : "");
        }
        return reply.getParameters();
    }
}
