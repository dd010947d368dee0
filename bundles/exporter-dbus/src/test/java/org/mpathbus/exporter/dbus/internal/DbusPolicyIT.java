package org.mpathbus.exporter.dbus.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

/**
 * packaging/dbus/org.mpathbus.Multipath1.conf in force on a dbus-daemon configured like a system bus (deny by
 * default): the exporter, as root, owns the name; an unprivileged user (nobody) reads everything, may call the
 * control interfaces (the exporter decides: here, with no polkit on the bus, it refuses nobody), and can neither
 * own the name nor call anything else.
 */
public class DbusPolicyIT {

    private static final Path POLICY = Path.of("../../packaging/dbus/org.mpathbus.Multipath1.conf").toAbsolutePath()
            .normalize();
    /** The defaults of Debian's /usr/share/dbus-1/system.conf that matter here. */
    private static final String SYSTEM_BUS_DEFAULTS = """
              <policy context="default">
                <allow user="*"/>
                <deny own="*"/>
                <deny send_type="method_call"/>
                <allow send_type="signal"/>
                <allow send_requested_reply="true" send_type="method_return"/>
                <allow send_requested_reply="true" send_type="error"/>
                <allow receive_type="method_call"/>
                <allow receive_type="method_return"/>
                <allow receive_type="error"/>
                <allow receive_type="signal"/>
                <allow send_destination="org.freedesktop.DBus" send_interface="org.freedesktop.DBus"/>
                <allow send_destination="org.freedesktop.DBus" send_interface="org.freedesktop.DBus.Introspectable"/>
                <allow send_destination="org.freedesktop.DBus" send_interface="org.freedesktop.DBus.Properties"/>
                <deny send_destination="org.freedesktop.DBus" send_interface="org.freedesktop.DBus"
                      send_member="UpdateActivationEnvironment"/>
                <deny send_destination="org.freedesktop.DBus" send_interface="org.freedesktop.DBus.Debug.Stats"/>
              </policy>
              <include ignore_missing="no">%s</include>
            """;

    private static PrivateBus bus;
    private static ExportWriter writer;
    private static String map;

    @BeforeClass
    public static void exportOnASystemStyleBus() throws Exception {
        Commands.require("busctl", "systemd");
        Commands.require("gdbus", "libglib2.0-bin");
        Commands.require("setpriv", "util-linux");
        assertTrue("the policy file " + POLICY + " exists", Files.isRegularFile(POLICY));
        assertEquals("the policy test runs as root (the exporter owns the name as root)", "0",
                Commands.run("id", "-u").ok().out().strip());
        bus = PrivateBus.start("system", SYSTEM_BUS_DEFAULTS.formatted(POLICY));
        FakeEngine engine = new FakeEngine(2, 2);
        map = ObjectPaths.map(FakeEngine.wwid(1));
        writer = engine.exportOn(bus.address());
        TestInterface paths = TestInterface.pathControl(call -> org.mpathbus.exporter.dbus.spi.BusReply.EMPTY);
        TestInterface maps = new TestInterface(TestInterface.MAP_CONTROL,
                org.mpathbus.exporter.dbus.spi.ObjectType.MAP, call -> org.mpathbus.exporter.dbus.spi.BusReply.EMPTY);
        TestInterface manager = TestInterface.managerControl(call -> org.mpathbus.exporter.dbus.spi.BusReply.EMPTY);
        writer.offerInterfaces(AddedInterfaces.of(List.of(paths, maps, manager)));
        long deadline = System.currentTimeMillis() + 10_000;
        while (writer.published().added().named(TestInterface.MANAGER_CONTROL) == null) {
            assertTrue("the writer takes the control interfaces", System.currentTimeMillis() < deadline);
            Thread.sleep(10);
        }
    }

    @AfterClass
    public static void stop() throws Exception {
        if (writer != null) {
            writer.stop();
        }
        if (bus != null) {
            bus.close();
        }
    }

    /** Runs a D-Bus tool as the unprivileged user nobody. */
    private static Commands.Result asNobody(String... command) {
        List<String> argv = new ArrayList<>(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
        argv.addAll(List.of(command));
        return Commands.run(argv);
    }

    private static String[] busctl(String... args) {
        List<String> argv = new ArrayList<>(List.of("busctl", "--address=" + bus.address()));
        argv.addAll(List.of(args));
        return argv.toArray(new String[0]);
    }

    @Test
    public void anUnprivilegedUserReadsEverything() {
        assertTrue(asNobody(busctl("introspect", ObjectPaths.BUS_NAME, map)).ok().out()
                .contains(ObjectPaths.MAP_INTERFACE));
        assertEquals("u 2", asNobody(busctl("get-property", ObjectPaths.BUS_NAME, map, ObjectPaths.MAP_INTERFACE,
                "ValidPathCount")).ok().out().strip());
        assertTrue(asNobody(busctl("call", ObjectPaths.BUS_NAME, map, "org.freedesktop.DBus.Properties", "GetAll", "s",
                ObjectPaths.MAP_INTERFACE)).ok().out().contains("\"Health\" s \"optimal\""));
        assertTrue(asNobody(busctl("call", ObjectPaths.BUS_NAME, ObjectPaths.ROOT, "org.freedesktop.DBus.ObjectManager",
                "GetManagedObjects")).ok().out().contains(map));
        assertEquals("o \"" + map + "\"", asNobody(busctl("call", ObjectPaths.BUS_NAME, ObjectPaths.ROOT,
                ObjectPaths.MANAGER_INTERFACE, "Lookup", "s", "mpathb")).ok().out().strip());
        assertTrue(asNobody(busctl("call", ObjectPaths.BUS_NAME, ObjectPaths.ROOT, ObjectPaths.MANAGER_INTERFACE,
                "Refresh")).ok().out().startsWith("t "));
    }

    @Test
    public void anUnprivilegedUserCannotCallAnythingElse() {
        Commands.Result set = asNobody(busctl("set-property", ObjectPaths.BUS_NAME, map, ObjectPaths.MAP_INTERFACE,
                "Name", "s", "renamed"));
        assertNotEquals(0, set.exit());
        assertTrue(set.err(), set.err().contains("Access denied"));
        Commands.Result ping = asNobody(busctl("call", ObjectPaths.BUS_NAME, map, "org.freedesktop.DBus.Peer", "Ping"));
        assertNotEquals(0, ping.exit());
        assertTrue(ping.err(), ping.err().contains("Access denied"));
    }

    @Test
    public void anUnprivilegedUserMayCallTheControlInterfacesAndTheExporterDecides() {
        String[][] calls = {
            {ObjectPaths.path("sda"), TestInterface.PATH_CONTROL, "Fail", "a{sv}", "0"},
            {map, TestInterface.MAP_CONTROL, "SetQueueing", "ba{sv}", "false", "0"},
            {ObjectPaths.ROOT, TestInterface.MANAGER_CONTROL, "Reconfigure", "a{sv}", "0"},
        };
        for (String[] call : calls) {
            List<String> argv = new ArrayList<>(List.of("call", ObjectPaths.BUS_NAME));
            argv.addAll(List.of(call));
            Commands.Result result = asNobody(busctl(argv.toArray(new String[0])));
            assertNotEquals(0, result.exit());
            assertTrue("the bus lets it through and the exporter refuses nobody: " + result.err(),
                    result.err().contains("no polkit authority runs on the bus, so only root may"));
            assertTrue(Commands.run(busctl(argv.toArray(new String[0]))).ok().out().isEmpty());
        }
    }

    @Test
    public void anUnprivilegedUserCannotOwnTheName() {
        Commands.Result own = asNobody("gdbus", "call", "--address", bus.address(), "--dest", "org.freedesktop.DBus",
                "--object-path", "/org/freedesktop/DBus", "--method", "org.freedesktop.DBus.RequestName",
                ObjectPaths.BUS_NAME, "4");
        assertNotEquals(0, own.exit());
        assertTrue(own.err(), own.err().contains("AccessDenied"));
    }

    @Test
    public void rootMayCallEverythingTheObjectsImplement() {
        Commands.Result set = Commands.run(busctl("set-property", ObjectPaths.BUS_NAME, map, ObjectPaths.MAP_INTERFACE,
                "Name", "s", "renamed"));
        assertNotEquals(0, set.exit());
        assertTrue("the call reaches the exporter, which refuses it: " + set.err(), set.err().contains("read-only"));
    }
}
