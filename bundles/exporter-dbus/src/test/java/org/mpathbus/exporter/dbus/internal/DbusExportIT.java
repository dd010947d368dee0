package org.mpathbus.exporter.dbus.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.exceptions.DBusExecutionException;
import org.freedesktop.dbus.interfaces.ObjectManager;
import org.freedesktop.dbus.interfaces.Properties;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * The exporter on a private dbus-daemon, fed by an engine stand-in, checked with busctl, gdbus and a dbus-java
 * client.
 */
public class DbusExportIT {

    private static final String DEST = ObjectPaths.BUS_NAME;
    private static PrivateBus bus;
    private static FakeEngine engine;
    private static ExportWriter writer;
    private static BusClient client;

    @BeforeClass
    public static void export() throws Exception {
        Commands.require("busctl", "systemd");
        Commands.require("gdbus", "libglib2.0-bin");
        bus = PrivateBus.start();
        engine = new FakeEngine(10, 4);
        writer = engine.startWriter(bus.address());
        engine.register(writer::offer);
        client = new BusClient(bus.address());
        client.awaitName(true, 10_000);
    }

    @AfterClass
    public static void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (writer != null) {
            writer.stop();
        }
        if (bus != null) {
            bus.close();
        }
    }

    private static String mapPath(int map) {
        return ObjectPaths.map(FakeEngine.wwid(map));
    }

    @Test
    public void getManagedObjectsListsEveryMapGroupAndPathWithTheirProperties() throws Exception {
        Map<DBusPath, Map<String, Map<String, Variant<?>>>> objects = client.managedObjects();
        assertEquals("10 maps, 20 groups, 40 paths", 70, objects.size());
        Map<String, Variant<?>> map = objects.get(new DBusPath(mapPath(3))).get(ObjectPaths.MAP_INTERFACE);
        assertEquals(FakeEngine.wwid(3), map.get("Wwid").getValue());
        assertEquals("mpathd", map.get("Name").getValue());
        assertEquals(new UInt32(4), map.get("ValidPathCount").getValue());
        assertEquals("optimal", map.get("Health").getValue());
        assertEquals(mapPath(3) + "/groups/1", map.get("ActivePathGroup").getValue().toString());
        assertEquals("a switch chose group 2", mapPath(3) + "/groups/2", map.get("NextPathGroup").getValue().toString());
        Map<String, Variant<?>> path = objects.get(new DBusPath(ObjectPaths.path("sdm"))).get(ObjectPaths.PATH_INTERFACE);
        assertEquals(mapPath(3), path.get("Map").getValue().toString());
        assertEquals("active", path.get("DmState").getValue());
        assertEquals("up", path.get("CheckerState").getValue());
    }

    @Test
    public void everyPropertyHasItsDocumentedTypeOnTheWire() throws Exception {
        Map<DBusPath, Map<String, Map<String, Variant<?>>>> objects = client.managedObjects();
        List<String> checked = new ArrayList<>();
        for (Map<String, Map<String, Variant<?>>> interfaces : objects.values()) {
            for (Map.Entry<String, Map<String, Variant<?>>> iface : interfaces.entrySet()) {
                Map<String, String> documented = InterfaceMembers.documentedPropertyTypes(iface.getKey());
                assertEquals("properties of " + iface.getKey(), documented.keySet(), new TreeSet<>(iface.getValue().keySet()));
                for (Map.Entry<String, Variant<?>> property : iface.getValue().entrySet()) {
                    assertEquals(iface.getKey() + "." + property.getKey(), documented.get(property.getKey()),
                            property.getValue().getSig());
                }
                checked.add(iface.getKey());
            }
        }
        Map<String, Variant<?>> manager = client.properties(ObjectPaths.ROOT).GetAll(ObjectPaths.MANAGER_INTERFACE);
        assertEquals(InterfaceMembers.documentedPropertyTypes(ObjectPaths.MANAGER_INTERFACE).keySet(),
                new TreeSet<>(manager.keySet()));
        assertTrue(checked.containsAll(List.of(ObjectPaths.MAP_INTERFACE, ObjectPaths.PATH_GROUP_INTERFACE,
                ObjectPaths.PATH_INTERFACE)));
    }

    @Test
    public void introspectReturnsTheDocumentedInterfaces() {
        String[][] objects = {
            {ObjectPaths.ROOT, ObjectPaths.MANAGER_INTERFACE},
            {mapPath(1), ObjectPaths.MAP_INTERFACE},
            {mapPath(1) + "/groups/2", ObjectPaths.PATH_GROUP_INTERFACE},
            {ObjectPaths.path("sdf"), ObjectPaths.PATH_INTERFACE},
        };
        for (String[] object : objects) {
            String xml = Commands.run("gdbus", "introspect", "--address", bus.address(), "--dest", DEST,
                    "--object-path", object[0], "--xml").ok().out();
            Map<String, TreeSet<String>> introspected = InterfaceMembers.of(xml);
            assertEquals("Introspect of " + object[0] + " against docs/dbus/" + object[1] + ".xml",
                    InterfaceMembers.documented(object[1]), introspected.get(object[1]));
            assertTrue(introspected.containsKey("org.freedesktop.DBus.Properties"));
            assertEquals(object[1].equals(ObjectPaths.MANAGER_INTERFACE),
                    introspected.containsKey("org.freedesktop.DBus.ObjectManager"));
        }
        String maps = Commands.run("busctl", "--address=" + bus.address(), "tree", DEST).ok().out();
        assertTrue(maps, maps.contains(mapPath(9) + "/groups/2"));
    }

    @Test
    public void busctlReadsPropertiesAndManagedObjects() {
        String valid = Commands.run("busctl", "--address=" + bus.address(), "get-property", DEST, mapPath(2),
                ObjectPaths.MAP_INTERFACE, "ValidPathCount").ok().out();
        assertEquals("u 4", valid.strip());
        String device = Commands.run("busctl", "--address=" + bus.address(), "get-property", DEST,
                ObjectPaths.path("sda"), ObjectPaths.PATH_INTERFACE, "Hbtl").ok().out();
        assertEquals("(iiix) 2 0 0 0", device.strip());
        String json = Commands.run("busctl", "--address=" + bus.address(), "--json=short", "call", DEST,
                ObjectPaths.ROOT, "org.freedesktop.DBus.ObjectManager", "GetManagedObjects").ok().out();
        assertTrue(json, json.startsWith("{\"type\":\"a{oa{sa{sv}}}\""));
        assertTrue(json, json.contains("\"" + mapPath(9) + "\":{\"" + ObjectPaths.MAP_INTERFACE + "\":{"));
        assertTrue(json, json.contains("\"ValidPathCount\":{\"type\":\"u\",\"data\":4}"));
    }

    @Test
    public void lookupFindsMapsByWwidAliasDevicePathAndNumberAndPathsByName() throws Exception {
        ManagerMethods manager = client.manager();
        String map4 = mapPath(4);
        for (String id : new String[] {FakeEngine.wwid(4), "mpathe", "/dev/mapper/mpathe", "dm-4", "/dev/dm-4", "253:4"}) {
            assertEquals("Lookup(" + id + ")", map4, manager.Lookup(id).getPath());
        }
        for (String id : new String[] {"sdb", "/dev/sdb", "8:16"}) {
            assertEquals("Lookup(" + id + ")", ObjectPaths.path("sdb"), manager.Lookup(id).getPath());
        }
        assertEquals("/", manager.Lookup("no-such-device").getPath());
        String reply = Commands.run("gdbus", "call", "--address", bus.address(), "--dest", DEST, "--object-path",
                ObjectPaths.ROOT, "--method", ObjectPaths.MANAGER_INTERFACE + ".Lookup", "mpathe").ok().out();
        assertEquals("(objectpath '" + map4 + "',)", reply.strip());
    }

    @Test
    public void getAllIsPerInterfaceAndWrongInterfacesAndObjectsAreErrors() throws Exception {
        Properties map = client.properties(mapPath(0));
        assertEquals(InterfaceMembers.documentedPropertyTypes(ObjectPaths.MAP_INTERFACE).keySet(),
                new TreeSet<>(map.GetAll(ObjectPaths.MAP_INTERFACE).keySet()));
        assertTrue(map.GetAll("org.freedesktop.DBus.Properties").isEmpty());
        assertError("UnknownInterface", () -> map.GetAll(ObjectPaths.PATH_INTERFACE));
        assertError("UnknownProperty", () -> map.Get(ObjectPaths.MAP_INTERFACE, "NoSuchProperty"));
        assertError("PropertyReadOnly", () -> map.Set(ObjectPaths.MAP_INTERFACE, "Name", "renamed"));
        assertError("UnknownObject", () -> client.properties(ObjectPaths.MAPS + "/nosuchmap").GetAll(""));
        assertError("UnknownMethod", () -> client.connection.getRemoteObject(DEST, mapPath(0), ObjectManager.class)
                .GetManagedObjects());
    }

    @Test
    public void aFailureGivesPropertiesChangedThenPathFailedWithValidPathsAndGrowingSeqnum() throws Exception {
        BlockingQueue<DBusSignal> received = new LinkedBlockingQueue<>();
        AutoCloseable onFailed = client.connection.addSigHandler(MapSignals.PathFailed.class, received::add);
        AutoCloseable onReinstated = client.connection.addSigHandler(MapSignals.PathReinstated.class, received::add);
        AutoCloseable onMapFailed = client.connection.addSigHandler(MapSignals.MapFailed.class, received::add);
        AutoCloseable onChanged = client.connection.addSigHandler(Properties.PropertiesChanged.class, received::add);
        try {
            String map = mapPath(5);
            List<String> paths = List.of("sdu", "sdv", "sdw", "sdx");
            long lastSeqnum = 0;
            for (int i = 0; i < paths.size(); i++) {
                engine.fail(paths.get(i));
                Properties.PropertiesChanged mapChange = next(received, Properties.PropertiesChanged.class, map);
                assertTrue(mapChange.getPropertiesChanged().toString(),
                        mapChange.getPropertiesChanged().containsKey("ValidPathCount"));
                assertEquals(new UInt32(3 - i), mapChange.getPropertiesChanged().get("ValidPathCount").getValue());
                if (i == 0 || i == 3) {
                    // Coalesced: Health is only in the signal when it changes
                    assertEquals(i == 0 ? "degraded" : "failed",
                            mapChange.getPropertiesChanged().get("Health").getValue());
                } else {
                    assertTrue(!mapChange.getPropertiesChanged().containsKey("Health"));
                }
                Properties.PropertiesChanged pathChange = next(received, Properties.PropertiesChanged.class,
                        ObjectPaths.path(paths.get(i)));
                assertEquals("failed", pathChange.getPropertiesChanged().get("DmState").getValue());
                MapSignals.PathFailed failed = next(received, MapSignals.PathFailed.class, map);
                assertEquals(ObjectPaths.path(paths.get(i)), failed.path.getPath());
                assertEquals(new UInt32(3 - i), failed.validPaths);
                assertTrue("seqnum grows", failed.seqnum.longValue() > lastSeqnum);
                lastSeqnum = failed.seqnum.longValue();
            }
            MapSignals.MapFailed mapFailed = next(received, MapSignals.MapFailed.class, map);
            assertEquals(lastSeqnum + 1, mapFailed.seqnum.longValue());
            engine.restore("sdu");
            MapSignals.PathReinstated reinstated = next(received, MapSignals.PathReinstated.class, map);
            assertEquals(new UInt32(1), reinstated.validPaths);
            assertTrue(reinstated.seqnum.longValue() > lastSeqnum);
        } finally {
            for (String path : List.of("sdu", "sdv", "sdw", "sdx")) {
                engine.restore(path);
            }
            onFailed.close();
            onReinstated.close();
            onMapFailed.close();
            onChanged.close();
        }
    }

    @Test
    public void gdbusMonitorSeesAPathFailure() throws Exception {
        // gdbus writes through stdio: line-buffer it, or nothing arrives before it exits
        Process monitor = new ProcessBuilder("stdbuf", "-oL", "gdbus", "monitor", "--address", bus.address(), "--dest",
                DEST).redirectErrorStream(true).start();
        BlockingQueue<String> lines = linesOf(monitor);
        try {
            String first = lines.poll(10, TimeUnit.SECONDS);
            assertTrue(first, first != null && first.contains("Monitoring signals"));
            Thread.sleep(200);
            engine.fail("sdab");
            String expected = mapPath(6) + ": " + ObjectPaths.MAP_INTERFACE + ".PathFailed (objectpath '"
                    + ObjectPaths.path("sdab") + "', uint32 3, uint64 ";
            List<String> seen = new ArrayList<>();
            long deadline = System.currentTimeMillis() + 10_000;
            while (System.currentTimeMillis() < deadline) {
                String line = lines.poll(100, TimeUnit.MILLISECONDS);
                if (line != null && line.startsWith(expected)) {
                    return;
                }
                if (line != null) {
                    seen.add(line);
                }
            }
            fail("gdbus monitor did not show " + expected + " but: " + seen);
        } finally {
            monitor.destroy();
            engine.restore("sdab");
        }
    }

    /** The lines a process prints, read by a thread of their own so that a silent process never hangs a test. */
    static BlockingQueue<String> linesOf(Process process) {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    lines.add(line);
                }
            } catch (java.io.IOException e) {
                // the process ended
            }
        });
        reader.setDaemon(true);
        reader.start();
        return lines;
    }

    @Test
    public void interfacesAddedGoesOutBeforeAnyReplyThatNamesTheNewObject() throws Exception {
        engine.removeMap(8);
        client.manager().Refresh();
        String map8 = mapPath(8);
        assertEquals("/", client.manager().Lookup("mpathi").getPath());
        Process monitor = new ProcessBuilder("busctl", "--address=" + bus.address(), "monitor", "--json=short")
                .redirectErrorStream(true).start();
        BlockingQueue<String> output = linesOf(monitor);
        try {
            Thread.sleep(500);
            Thread adder = new Thread(() -> engine.addMap(8));
            adder.start();
            String found;
            do {
                found = client.manager().Lookup("mpathi").getPath();
            } while (found.equals("/"));
            adder.join();
            assertEquals(map8, found);
            Thread.sleep(300);
        } finally {
            monitor.destroy();
            monitor.waitFor(5, TimeUnit.SECONDS);
        }
        String[] messages = output.toArray(new String[0]);
        int added = -1;
        int reply = -1;
        for (int i = 0; i < messages.length; i++) {
            String message = messages[i];
            if (added < 0 && message.contains("\"member\":\"InterfacesAdded\"") && message.contains("\"" + map8 + "\"")) {
                added = i;
            }
            if (reply < 0 && message.contains("\"type\":\"method_return\"") && message.contains("\"" + map8 + "\"")) {
                reply = i;
            }
        }
        assertTrue("busctl monitor saw InterfacesAdded for " + map8, added >= 0);
        assertTrue("busctl monitor saw the Lookup reply naming " + map8, reply >= 0);
        assertTrue("InterfacesAdded (message " + added + ") precedes the reply (message " + reply + ")", added < reply);
    }

    @Test
    public void removingAMapRemovesItsObjectsWithInterfacesRemoved() throws Exception {
        BlockingQueue<DBusSignal> received = new LinkedBlockingQueue<>();
        AutoCloseable onRemoved = client.connection.addSigHandler(ObjectManager.InterfacesRemoved.class, received::add);
        try {
            engine.removeMap(7);
            List<String> removed = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                ObjectManager.InterfacesRemoved signal = (ObjectManager.InterfacesRemoved) received.poll(10, TimeUnit.SECONDS);
                assertTrue("InterfacesRemoved arrived", signal != null);
                removed.add(signal.getSignalSource().getPath());
            }
            assertEquals(List.of(mapPath(7), mapPath(7) + "/groups/1", mapPath(7) + "/groups/2"), removed);
            String tree = Commands.run("busctl", "--address=" + bus.address(), "tree", DEST).ok().out();
            assertTrue(tree, !tree.contains(ObjectPaths.escape(FakeEngine.wwid(7))));
            assertError("UnknownObject", () -> client.properties(mapPath(7)).GetAll(ObjectPaths.MAP_INTERFACE));
        } finally {
            onRemoved.close();
            engine.addMap(7);
        }
    }

    @Test
    public void refreshReturnsTheGenerationTheObjectsShow() throws Exception {
        long generation = client.manager().Refresh().longValue();
        Number exported = client.properties(ObjectPaths.ROOT).Get(ObjectPaths.MANAGER_INTERFACE, "Generation");
        assertTrue(exported.longValue() >= generation);
        assertEquals(engine.topology().generation(), generation);
    }

    @SuppressWarnings("unchecked")
    private static <T extends DBusSignal> T next(BlockingQueue<DBusSignal> received, Class<T> type, String path)
            throws InterruptedException {
        long deadline = System.currentTimeMillis() + 10_000;
        List<String> skipped = new ArrayList<>();
        while (System.currentTimeMillis() < deadline) {
            DBusSignal signal = received.poll(100, TimeUnit.MILLISECONDS);
            if (signal == null) {
                continue;
            }
            if (type.isInstance(signal) && signal.getPath().equals(path)) {
                return (T) signal;
            }
            skipped.add(signal.getName() + "@" + signal.getPath());
        }
        throw new AssertionError("no " + type.getSimpleName() + " from " + path + " within 10 s; got " + skipped);
    }

    /** A call that is expected to fail. */
    interface Call {
        void run() throws Exception;
    }

    private static void assertError(String name, Call call) throws Exception {
        try {
            call.run();
            fail("expected org.freedesktop.DBus.Error." + name);
        } catch (DBusExecutionException e) {
            assertTrue("expected " + name + " but got " + e.getType() + ": " + e.getMessage(),
                    e.getType().endsWith(name) || e.getClass().getSimpleName().equals(name));
        }
    }
}
