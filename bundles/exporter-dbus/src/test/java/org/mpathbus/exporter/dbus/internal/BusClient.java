package org.mpathbus.exporter.dbus.internal;

import static org.junit.Assert.fail;

import java.util.Map;

import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.interfaces.DBus;
import org.freedesktop.dbus.interfaces.ObjectManager;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.types.Variant;

/** A dbus-java client of the API, as a Java tool would write one. */
final class BusClient implements AutoCloseable {

    final DBusConnection connection;

    BusClient(String address) throws DBusException {
        // One signal thread: handlers run in the order the signals arrived
        connection = DBusConnectionBuilder.forAddress(address).withShared(false)
                .receivingThreadConfig().withSignalThreadCount(1).connectionConfig().build();
    }

    boolean nameHasOwner() throws DBusException {
        return connection.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class)
                .NameHasOwner(ObjectPaths.BUS_NAME);
    }

    /** Waits up to {@code millis} for the bus name to be owned (or not); fails the test otherwise. */
    void awaitName(boolean owned, long millis) throws Exception {
        long deadline = System.currentTimeMillis() + millis;
        while (nameHasOwner() != owned) {
            if (System.currentTimeMillis() > deadline) {
                fail(ObjectPaths.BUS_NAME + (owned ? " did not appear" : " did not go away") + " within " + millis
                        + " ms");
            }
            Thread.sleep(20);
        }
    }

    Map<DBusPath, Map<String, Map<String, Variant<?>>>> managedObjects() throws DBusException {
        return connection.getRemoteObject(ObjectPaths.BUS_NAME, ObjectPaths.ROOT, ObjectManager.class)
                .GetManagedObjects();
    }

    ManagerMethods manager() throws DBusException {
        return connection.getRemoteObject(ObjectPaths.BUS_NAME, ObjectPaths.ROOT, ManagerMethods.class);
    }

    Properties properties(String path) throws DBusException {
        return connection.getRemoteObject(ObjectPaths.BUS_NAME, path, Properties.class);
    }

    @Override
    public void close() {
        connection.disconnect();
    }
}
