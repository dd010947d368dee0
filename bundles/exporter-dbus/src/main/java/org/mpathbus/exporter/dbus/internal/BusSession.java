package org.mpathbus.exporter.dbus.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.connections.IDisconnectCallback;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.messages.MessageFactory;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.UInt64;
import org.freedesktop.dbus.types.Variant;
import org.mpathbus.api.event.MapFailed;
import org.mpathbus.api.event.MapRestored;
import org.mpathbus.api.event.PathFailed;
import org.mpathbus.api.event.PathReinstated;
import org.mpathbus.api.event.PolicyChanged;
import org.mpathbus.api.event.TopologyEvent;

/**
 * One connection to the bus and what is exported on it. Used only by the writer thread, except
 * {@link #isConnected()}; dbus-java sends every message through one queue, in the order given here.
 */
final class BusSession implements AutoCloseable {

    private static final String OBJECT_MANAGER = "org.freedesktop.DBus.ObjectManager";
    private static final String PROPERTIES = "org.freedesktop.DBus.Properties";
    private static final int METHOD_CALL_THREADS = 4;
    static final int SIGNALS_PER_FENCE = 512;
    private static final long FENCE_TIMEOUT_MILLIS = 30_000;

    private final DBusConnection connection;
    private final CallResponder responder;
    private final BusRouter router;
    private final MessageFactory messages;
    /** Signals handed to dbus-java since the bus last confirmed it read them all. */
    private int unfenced;

    private BusSession(DBusConnection connection, CallResponder responder, BusRouter router) {
        this.connection = connection;
        this.responder = responder;
        this.router = router;
        this.messages = connection.getMessageFactory();
    }

    /**
     * Connects to {@code address} ("" for the system bus) and routes calls for the API's objects to
     * {@code router}. Nothing is visible under the bus name until {@link #exportAll}.
     */
    static BusSession open(String address, BusRouter router, Introspection introspection,
            java.util.function.Consumer<IOException> onDisconnect) throws DBusException {
        DBusConnectionBuilder builder = address.isEmpty() ? DBusConnectionBuilder.forSystemBus()
                : DBusConnectionBuilder.forAddress(address);
        CallResponder responder = new CallResponder(router, introspection);
        DBusConnectionBuilder configured = builder.withShared(false)
                .withDisconnectCallback(new IDisconnectCallback() {
                    @Override
                    public void disconnectOnError(IOException e) {
                        onDisconnect.accept(e);
                    }

                    @Override
                    public void exceptionOnTerminate(IOException e) {
                        onDisconnect.accept(e);
                    }
                })
                .receivingThreadConfig().withMethodCallThreadCount(METHOD_CALL_THREADS).connectionConfig()
                .transportConfig().withServiceLoaderClassLoader(BusSession.class.getClassLoader()).back();
        DBusConnection connection;
        try (AutoCloseable binding = BusSocketProvider.bind(responder)) {
            connection = configured.build();
        } catch (DBusException | RuntimeException e) {
            responder.close();
            throw e;
        } catch (Exception e) {
            responder.close();
            throw new DBusException("cannot connect to " + address + ": " + e.getMessage(), e);
        }
        try {
            connection.addFallback(ObjectPaths.ROOT, router);
            responder.attach(connection);
            return new BusSession(connection, responder, router);
        } catch (DBusException | RuntimeException e) {
            responder.close();
            connection.disconnect();
            throw e;
        }
    }

    boolean isConnected() {
        return connection.isConnected();
    }

    /**
     * Exports {@code model} whole, then takes the bus name: a client that sees the name sees every object, and
     * no InterfacesAdded goes out for them (GetManagedObjects after NameOwnerChanged is how a client learns them).
     */
    void exportAll(ExportModel model) throws DBusException {
        router.publish(model);
        connection.requestBusName(ObjectPaths.BUS_NAME);
        router.announce(model);
    }

    /**
     * Moves the bus from {@code before} to {@code after}: InterfacesAdded (new objects with all their interfaces,
     * then kept objects with the whiteboard interfaces they gained); then publishes {@code after}, so no reply
     * can name a new object or interface before its InterfacesAdded, and a client that reads after a
     * PropertiesChanged or transition signal reads the state it announced; then PropertiesChanged (one per
     * object and interface), the transition signals of {@code events} in order, InterfacesRemoved (interfaces
     * kept objects lost, then objects gone); last it announces {@code after} to those who wait for an effect.
     */
    void apply(ExportModel before, ExportModel after, List<TopologyEvent> events) throws DBusException {
        ModelDiff diff = ModelDiff.between(before, after);
        for (BusObject object : diff.added()) {
            send(ObjectPaths.ROOT, OBJECT_MANAGER, "InterfacesAdded", "oa{sa{sv}}",
                    new DBusPath(object.path()), after.interfacesOf(object));
        }
        for (ModelDiff.InterfaceChange gained : diff.gained()) {
            Map<String, Map<String, Variant<?>>> interfaces = new LinkedHashMap<>();
            for (String iface : gained.interfaces()) {
                interfaces.put(iface, Map.of());
            }
            send(ObjectPaths.ROOT, OBJECT_MANAGER, "InterfacesAdded", "oa{sa{sv}}",
                    new DBusPath(gained.path()), interfaces);
        }
        router.publish(after);
        for (ModelDiff.Change change : diff.changed()) {
            send(change.path(), PROPERTIES, "PropertiesChanged", "sa{sv}as",
                    change.iface(), change.properties(), List.of());
        }
        for (TopologyEvent event : events) {
            sendTransition(event);
        }
        for (ModelDiff.InterfaceChange lost : diff.lost()) {
            send(ObjectPaths.ROOT, OBJECT_MANAGER, "InterfacesRemoved", "oas",
                    new DBusPath(lost.path()), lost.interfaces());
        }
        for (BusObject object : diff.removed()) {
            send(ObjectPaths.ROOT, OBJECT_MANAGER, "InterfacesRemoved", "oas",
                    new DBusPath(object.path()), new ArrayList<>(before.interfacesOf(object).keySet()));
        }
        router.announce(after);
    }

    /** Whether {@link #apply} makes a signal of {@code event}; the others' outcome is in the properties. */
    static boolean signals(TopologyEvent event) {
        return event instanceof PathFailed failed ? failed.path().isMapped()
                : event instanceof PathReinstated reinstated ? reinstated.path().isMapped()
                : event instanceof MapFailed || event instanceof MapRestored || event instanceof PolicyChanged;
    }

    private void sendTransition(TopologyEvent event) throws DBusException {
        String map = ObjectPaths.map(event.mapWwid());
        String iface = ObjectPaths.MAP_INTERFACE;
        UInt64 seqnum = new UInt64(event.sequence());
        if (event instanceof PathFailed failed && failed.path().isMapped()) {
            send(map, iface, "PathFailed", "out", new DBusPath(ObjectPaths.path(failed.path().name())),
                    new UInt32(failed.validPaths()), seqnum);
        } else if (event instanceof PathReinstated reinstated && reinstated.path().isMapped()) {
            send(map, iface, "PathReinstated", "out", new DBusPath(ObjectPaths.path(reinstated.path().name())),
                    new UInt32(reinstated.validPaths()), seqnum);
        } else if (event instanceof MapFailed) {
            send(map, iface, "MapFailed", "t", seqnum);
        } else if (event instanceof MapRestored) {
            send(map, iface, "MapRestored", "t", seqnum);
        } else if (event instanceof PolicyChanged policy) {
            send(map, iface, "PolicyChanged", "st", policy.what(), seqnum);
        }
    }

    private void send(String path, String iface, String member, String signature, Object... args)
            throws DBusException {
        connection.sendMessage(messages.createSignal(null, path, iface, member, signature, args));
        if (++unfenced == SIGNALS_PER_FENCE) {
            awaitBusRead();
        }
    }

    /**
     * dbus-java queues every message for its sender thread without bound, so a burst of updates would wait
     * there whole, marshalled. A Peer.Ping to the bus goes through the same queue: its reply means the bus
     * has read every signal before it, so at most {@link #SIGNALS_PER_FENCE} wait, and a bus that reads
     * slowly slows the writer instead of filling the heap.
     */
    private void awaitBusRead() throws DBusException {
        unfenced = 0;
        try {
            BusCalls.call(connection, "org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus.Peer",
                    "Ping", FENCE_TIMEOUT_MILLIS, null);
        } catch (BusCalls.ErrorReply | BusCalls.NoReply e) {
            throw new DBusException("the bus did not take the signals: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DBusException("interrupted while the bus read the signals", e);
        }
    }

    /**
     * Drops a connection that was lost: no goodbye to a bus that is gone (dbus-java would wait for replies that
     * never come), and the teardown runs on a thread of its own so that the writer goes straight to reconnecting.
     */
    void abandon() {
        responder.close();
        Thread teardown = new Thread(connection::disconnect, "mpathbus-dbus-teardown");
        teardown.setDaemon(true);
        teardown.start();
    }

    /** Gives up the name and the connection; clients see the name go away. */
    @Override
    public void close() {
        try {
            if (connection.isConnected()) {
                connection.releaseBusName(ObjectPaths.BUS_NAME);
            }
        } catch (DBusException | RuntimeException e) {
            // The connection is going away anyway; the bus frees the name with it
        } finally {
            responder.close();
            connection.disconnect();
        }
    }
}
