package org.mpathbus.exporter.dbus.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.interfaces.ObjectManager;
import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.messages.Message;
import org.freedesktop.dbus.messages.MethodCall;
import org.freedesktop.dbus.types.Variant;
import org.junit.After;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.mpathbus.api.DmPathState;
import org.mpathbus.api.Topology;
import org.mpathbus.exporter.dbus.spi.BusError;
import org.mpathbus.exporter.dbus.spi.BusReply;

/**
 * The whiteboard on a private dbus-daemon with no polkit (so root only, and the tests run as root): a test
 * provider's interface comes and goes with InterfacesAdded / InterfacesRemoved, shows in GetManagedObjects and
 * Introspect, and its calls reach it decoded, with the caller the bus names; replies and errors come back; the
 * bound on control calls refuses with Busy while reads go on.
 */
public class DbusWhiteboardIT {

    private static final String DEST = ObjectPaths.BUS_NAME;
    private static PrivateBus bus;
    private static FakeEngine engine;
    private static ExportWriter writer;
    private static BusClient client;
    private final List<TestInterface> registered = new ArrayList<>();

    @BeforeClass
    public static void export() throws Exception {
        Commands.require("busctl", "systemd");
        Commands.require("gdbus", "libglib2.0-bin");
        assertEquals("the whiteboard test calls as root (no polkit: root only)", "0",
                Commands.run("id", "-u").ok().out().strip());
        bus = PrivateBus.start();
        engine = new FakeEngine(10, 4);
        writer = engine.exportOn(bus.address());
        client = new BusClient(bus.address());
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

    @After
    public void unregister() throws Exception {
        if (!registered.isEmpty()) {
            registered.clear();
            offerAndWait();
        }
    }

    /** Registers (or, with none, unregisters) the providers and waits until the bus shows them. */
    private void offer(TestInterface... providers) throws Exception {
        registered.clear();
        registered.addAll(List.of(providers));
        offerAndWait();
    }

    private void offerAndWait() throws Exception {
        List<org.mpathbus.exporter.dbus.spi.BusInterface> all = new ArrayList<>(registered);
        writer.offerInterfaces(AddedInterfaces.of(all));
        long deadline = System.currentTimeMillis() + 10_000;
        while (true) {
            ExportModel model = writer.announced();
            if (model != null && names(model).equals(names(all))) {
                return;
            }
            if (System.currentTimeMillis() > deadline) {
                fail("the writer did not take the providers " + names(all));
            }
            Thread.sleep(10);
        }
    }

    private static TreeSet<String> names(ExportModel model) {
        TreeSet<String> names = new TreeSet<>();
        for (ObjectKind kind : ObjectKind.values()) {
            model.added().of(kind).forEach(iface -> names.add(iface.name()));
        }
        return names;
    }

    private static TreeSet<String> names(List<org.mpathbus.exporter.dbus.spi.BusInterface> providers) {
        TreeSet<String> names = new TreeSet<>();
        providers.forEach(provider -> names.add(provider.name()));
        return names;
    }

    private static String busctl(String... args) {
        List<String> argv = new ArrayList<>(List.of("busctl", "--address=" + bus.address()));
        argv.addAll(List.of(args));
        return Commands.run(argv).ok().out().strip();
    }

    private static Commands.Result gdbusCall(String path, String method, String... args) {
        List<String> argv = new ArrayList<>(List.of("gdbus", "call", "--address", bus.address(), "--dest", DEST,
                "--object-path", path, "--method", method));
        argv.addAll(List.of(args));
        return Commands.run(argv);
    }

    @Test
    public void aProviderComingAndGoingAddsAndRemovesItsInterfaceOnEveryObjectOfItsType() throws Exception {
        BlockingQueue<DBusSignal> signals = new LinkedBlockingQueue<>();
        try (AutoCloseable added = client.connection.addSigHandler(ObjectManager.InterfacesAdded.class, signals::add);
                AutoCloseable removed = client.connection.addSigHandler(ObjectManager.InterfacesRemoved.class,
                        signals::add);
                AutoCloseable changed = client.connection.addSigHandler(
                        org.freedesktop.dbus.interfaces.Properties.PropertiesChanged.class, signals::add)) {
            // Signals of earlier tests that were still on their way: a round trip, then forget them
            client.managedObjects();
            Thread.sleep(200);
            signals.clear();
            offer(TestInterface.pathControl(call -> BusReply.EMPTY));
            List<String> pathObjects = new ArrayList<>(engine.topology().paths().keySet().stream()
                    .map(ObjectPaths::path).sorted().toList());
            List<String> announced = new ArrayList<>();
            for (int i = 0; i < pathObjects.size(); i++) {
                DBusSignal signal = signals.poll(10, TimeUnit.SECONDS);
                assertTrue("InterfacesAdded " + i + " of " + pathObjects.size() + ", got " + signal,
                        signal instanceof ObjectManager.InterfacesAdded);
                ObjectManager.InterfacesAdded interfaces = (ObjectManager.InterfacesAdded) signal;
                assertEquals(Map.of(TestInterface.PATH_CONTROL, Map.of()), interfaces.getInterfaces());
                announced.add(interfaces.getSignalSource().getPath());
            }
            assertEquals("one InterfacesAdded per path object, by name", pathObjects, announced);
            Map<DBusPath, Map<String, Map<String, Variant<?>>>> objects = client.managedObjects();
            for (Map.Entry<DBusPath, Map<String, Map<String, Variant<?>>>> object : objects.entrySet()) {
                boolean isPath = object.getKey().getPath().startsWith(ObjectPaths.PATHS + "/");
                assertEquals(object.getKey().getPath(), isPath,
                        object.getValue().containsKey(TestInterface.PATH_CONTROL));
                if (isPath) {
                    assertEquals(Map.of(), object.getValue().get(TestInterface.PATH_CONTROL));
                    assertTrue(object.getValue().containsKey(ObjectPaths.PATH_INTERFACE));
                }
            }
            String xml = Commands.run("gdbus", "introspect", "--address", bus.address(), "--dest", DEST,
                    "--object-path", ObjectPaths.path("sdc"), "--xml").ok().out();
            assertEquals("Introspect serves the documented PathControl",
                    InterfaceMembers.of(TestInterface.documented(TestInterface.PATH_CONTROL))
                            .get(TestInterface.PATH_CONTROL),
                    InterfaceMembers.of(xml).get(TestInterface.PATH_CONTROL));
            assertTrue(InterfaceMembers.of(xml).containsKey(ObjectPaths.PATH_INTERFACE));
            String mapXml = Commands.run("gdbus", "introspect", "--address", bus.address(), "--dest", DEST,
                    "--object-path", ObjectPaths.map(FakeEngine.wwid(1)), "--xml").ok().out();
            assertFalse(InterfaceMembers.of(mapXml).containsKey(TestInterface.PATH_CONTROL));
            assertEquals("GetAll of an added interface: no properties", "a{sv} 0", busctl("call", DEST,
                    ObjectPaths.path("sdc"), "org.freedesktop.DBus.Properties", "GetAll", "s",
                    TestInterface.PATH_CONTROL));

            offer();
            List<String> withdrawn = new ArrayList<>();
            for (int i = 0; i < pathObjects.size(); i++) {
                DBusSignal signal = signals.poll(10, TimeUnit.SECONDS);
                assertTrue("InterfacesRemoved " + i + ", got " + signal, signal instanceof ObjectManager.InterfacesRemoved);
                ObjectManager.InterfacesRemoved interfaces = (ObjectManager.InterfacesRemoved) signal;
                assertEquals(List.of(TestInterface.PATH_CONTROL), interfaces.getInterfaces());
                withdrawn.add(interfaces.getSignalSource().getPath());
            }
            assertEquals(pathObjects, withdrawn);
            // Nothing else changed: the next signal is the manager's Generation of the next update, not before
            assertNull("no other signal", signals.poll(300, TimeUnit.MILLISECONDS));
            assertFalse(client.managedObjects().get(new DBusPath(ObjectPaths.path("sdc")))
                    .containsKey(TestInterface.PATH_CONTROL));
        }
    }

    @Test
    public void newObjectsCarryTheAddedInterfaceInTheirOwnInterfacesAdded() throws Exception {
        offer(TestInterface.pathControl(call -> BusReply.EMPTY));
        BlockingQueue<ObjectManager.InterfacesAdded> signals = new LinkedBlockingQueue<>();
        try (AutoCloseable added = client.connection.addSigHandler(ObjectManager.InterfacesAdded.class,
                signals::add)) {
            engine.removeMap(7);
            // Not coalesced with the comeback: the bus shows the map gone first
            assertTrue(writer.exportedObjects().awaitExported(
                    topology -> !topology.maps().containsKey(FakeEngine.wwid(7)), Duration.ofSeconds(10)).isPresent());
            engine.addMap(7);
            ObjectManager.InterfacesAdded map = signals.poll(10, TimeUnit.SECONDS);
            assertEquals(ObjectPaths.map(FakeEngine.wwid(7)), map.getSignalSource().getPath());
            assertFalse(map.getInterfaces().containsKey(TestInterface.PATH_CONTROL));
            ObjectManager.InterfacesAdded path = null;
            for (int i = 0; i < 10 && path == null; i++) {
                ObjectManager.InterfacesAdded next = signals.poll(10, TimeUnit.SECONDS);
                if (next.getSignalSource().getPath().startsWith(ObjectPaths.PATHS)) {
                    path = next;
                }
            }
            assertTrue(path.getInterfaces().containsKey(ObjectPaths.PATH_INTERFACE));
            assertEquals(Map.of(), path.getInterfaces().get(TestInterface.PATH_CONTROL));
        }
    }

    @Test
    public void aCallReachesTheProviderWithItsArgumentsOptionsAndCaller() throws Exception {
        TestInterface manager = TestInterface.managerControl(
                call -> BusReply.objectPath(ObjectPaths.map(FakeEngine.wwid(2))));
        TestInterface paths = TestInterface.pathControl(call -> BusReply.EMPTY);
        offer(manager, paths);

        assertEquals("o \"" + ObjectPaths.map(FakeEngine.wwid(2)) + "\"", busctl("call", DEST, ObjectPaths.ROOT,
                TestInterface.MANAGER_CONTROL, "AddPath", "sa{sv}", "sdq", "2", "timeout", "d", "5",
                "custom", "s", "word"));
        assertEquals(1, manager.calls.size());
        var call = manager.calls.get(0);
        assertEquals("AddPath", call.member());
        assertEquals(ObjectPaths.ROOT, call.objectPath());
        assertEquals(List.of("sdq"), call.arguments());
        assertEquals(Map.of("timeout", 5.0, "custom", "word"), call.options());
        assertEquals(0, call.caller().uid());
        assertTrue(call.caller().busName().startsWith(":"));
        assertTrue(call.caller().pid() > 0);
        assertEquals(engine.topology().generation(), call.topology().generation());

        // A dbus-java client's own pid and unique name, as the bus knows them
        Object[] reply = BusCalls.call(client.connection, DEST, ObjectPaths.path("sdb"), TestInterface.PATH_CONTROL,
                "Fail", 10_000, "a{sv}", Map.of("auth.no_user_interaction", new Variant<>(true)));
        assertTrue(reply == null || reply.length == 0);
        var fail = paths.calls.get(0);
        assertEquals(ObjectPaths.path("sdb"), fail.objectPath());
        assertEquals(List.of(), fail.arguments());
        assertEquals(Map.of("auth.no_user_interaction", true), fail.options());
        assertEquals(client.connection.getUniqueName(), fail.caller().busName());
        assertEquals(ProcessHandle.current().pid(), fail.caller().pid());
    }

    @Test
    public void providerErrorsAndBadCallsComeBackAsDbusErrors() throws Exception {
        TestInterface paths = TestInterface.pathControl(call -> {
            if (call.objectPath().equals(ObjectPaths.path("sda"))) {
                throw new BusError(BusError.NOT_FOUND, "multipathd: no such path sda");
            }
            throw new IllegalStateException("the provider broke");
        });
        offer(paths);
        String path = ObjectPaths.path("sda");
        assertError(gdbusCall(path, TestInterface.PATH_CONTROL + ".Fail", "{}"), BusError.NOT_FOUND,
                "multipathd: no such path sda");
        assertError(gdbusCall(ObjectPaths.path("sdb"), TestInterface.PATH_CONTROL + ".Fail", "{}"), BusError.FAILED,
                "the provider broke");
        assertRawError(path, "Fail", "s", new Object[] {"not options"}, BusError.INVALID_ARGS,
                "takes arguments of type \"a{sv}\", not \"s\"");
        assertRawError(path, "Fail", "a{sv}", new Object[] {Map.of("timeout", new Variant<>("soon"))},
                BusError.INVALID_ARGS, "option timeout");
        assertRawError(path, "Explode", "a{sv}", new Object[] {Map.of()}, ControlCalls.UNKNOWN_METHOD,
                "no method Explode");
        assertRawError(ObjectPaths.map(FakeEngine.wwid(1)), "Fail", "a{sv}", new Object[] {Map.of()},
                ControlCalls.UNKNOWN_INTERFACE, "has no interface " + TestInterface.PATH_CONTROL);
        assertRawError(ObjectPaths.path("nosuch"), "Fail", "a{sv}", new Object[] {Map.of()},
                ControlCalls.UNKNOWN_OBJECT, "is not an object");
        assertEquals("only the two well-formed calls reached the provider", 2, paths.calls.size());
    }

    private static void assertRawError(String path, String member, String signature, Object[] args, String name,
            String words) throws Exception {
        try {
            BusCalls.call(client.connection, DEST, path, TestInterface.PATH_CONTROL, member, 10_000, signature, args);
            fail(member + " on " + path + " succeeded");
        } catch (BusCalls.ErrorReply e) {
            assertEquals(e.getMessage(), name, e.name());
            assertTrue(e.getMessage(), e.getMessage().contains(words));
        }
    }

    private static void assertError(Commands.Result result, String name, String words) {
        assertNotEquals(0, result.exit());
        assertTrue(result.err(), result.err().contains(name));
        assertTrue(result.err(), result.err().contains(words));
    }

    @Test
    public void callsBeyondTheBoundAreBusyAndABlockedProviderStallsNoRead() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(ControlCalls.MAX_IN_FLIGHT);
        offer(TestInterface.pathControl(call -> {
            entered.countDown();
            release.await();
            return BusReply.EMPTY;
        }));
        List<MethodCall> blocked = new ArrayList<>();
        try {
            for (int i = 0; i < ControlCalls.MAX_IN_FLIGHT; i++) {
                MethodCall call = client.connection.getMessageFactory().createMethodCall(DEST, ObjectPaths.path("sda"),
                        TestInterface.PATH_CONTROL, "Fail", (byte) 0, "a{sv}", Map.of());
                client.connection.sendMessage(call);
                blocked.add(call);
            }
            assertTrue("every bounded call reached the provider", entered.await(20, TimeUnit.SECONDS));
            long start = System.nanoTime();
            assertError(gdbusCall(ObjectPaths.path("sdb"), TestInterface.PATH_CONTROL + ".Fail", "{}"), BusError.BUSY,
                    "control calls are in flight");
            long busyMillis = (System.nanoTime() - start) / 1_000_000;
            start = System.nanoTime();
            assertEquals(70, client.managedObjects().size());
            assertTrue(busctl("get-property", DEST, ObjectPaths.path("sda"), ObjectPaths.PATH_INTERFACE, "DmState")
                    .contains("active"));
            long readMillis = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("control bound: Busy answered in %d ms (gdbus start included), reads in %d ms while "
                    + "%d calls block%n", busyMillis, readMillis, ControlCalls.MAX_IN_FLIGHT);
        } finally {
            release.countDown();
        }
        for (MethodCall call : blocked) {
            Message reply = call.getReply(10_000);
            assertTrue(String.valueOf(reply), reply instanceof org.freedesktop.dbus.messages.MethodReturn);
        }
    }

    @Test
    public void awaitExportedCompletesOnceTheEffectIsAnnounced() throws Exception {
        PublishedObjects objects = writer.exportedObjects();
        assertEquals(Optional.empty(), objects.awaitExported(
                topology -> topology.paths().get("sdk").dmState() == DmPathState.FAILED, Duration.ofMillis(200)));
        BlockingQueue<DBusSignal> signals = new LinkedBlockingQueue<>();
        try (AutoCloseable failed = client.connection.addSigHandler(MapSignals.PathFailed.class, signals::add)) {
            CompletableFuture<Optional<Topology>> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return objects.awaitExported(
                            topology -> topology.paths().get("sdk").dmState() == DmPathState.FAILED,
                            Duration.ofSeconds(10));
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            Thread.sleep(100);
            assertFalse(waiting.isDone());
            engine.fail("sdk");
            Topology shown = waiting.get(10, TimeUnit.SECONDS).orElseThrow();
            assertEquals(DmPathState.FAILED, shown.paths().get("sdk").dmState());
            assertTrue("the PathFailed that announced it was on its way", signals.poll(5, TimeUnit.SECONDS) != null);
            assertEquals("failed", busctl("get-property", DEST, ObjectPaths.path("sdk"), ObjectPaths.PATH_INTERFACE,
                    "DmState").replace("s ", "").replace("\"", ""));
        } finally {
            engine.restore("sdk");
        }
    }
}
