package org.mpathbus.exporter.dbus.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.freedesktop.dbus.types.Variant;
import org.junit.AfterClass;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Test;
import org.mpathbus.exporter.dbus.spi.BusError;
import org.mpathbus.exporter.dbus.spi.BusReply;

/**
 * Authorization of whiteboard calls on a private bus standing in for the system bus: python3-dbusmock as polkitd
 * (its template decides by SetAllowed; a bare mock answers challenge, dismissed and "not registered"), and no polkit
 * at all (root only). polkit decides for nobody (uid 65534, by setpriv); root is let through without asking. Every
 * call here is PathControl.Fail on sda of a no-op provider.
 */
public class DbusPolkitIT {

    private static final String DEST = ObjectPaths.BUS_NAME;
    private static final String SDA = ObjectPaths.path("sda");
    private static final int TIMED_CALLS = 31;
    /** Open, and other users (nobody) may connect. */
    private static final String POLICY = """
              <policy context="default">
                <allow user="*"/>
                <allow send_destination="*" eavesdrop="true"/>
                <allow eavesdrop="true"/>
                <allow own="*"/>
              </policy>
            """;

    private static PrivateBus bus;
    private static ExportWriter writer;
    private static BusClient client;
    private static TestInterface paths;

    @BeforeClass
    public static void export() throws Exception {
        Commands.require("busctl", "systemd");
        Commands.require("gdbus", "libglib2.0-bin");
        Commands.require("setpriv", "util-linux");
        assertEquals("the polkit test calls as root and as nobody", "0", Commands.run("id", "-u").ok().out().strip());
        bus = PrivateBus.start("session", POLICY);
        FakeEngine engine = new FakeEngine(2, 2);
        writer = engine.exportOn(bus.address());
        client = new BusClient(bus.address());
        paths = TestInterface.pathControl(call -> BusReply.EMPTY);
        writer.offerInterfaces(AddedInterfaces.of(List.of(paths)));
        long deadline = System.currentTimeMillis() + 10_000;
        while (writer.published().added().named(TestInterface.PATH_CONTROL) == null) {
            if (System.currentTimeMillis() > deadline) {
                fail("the writer did not take the provider");
            }
            Thread.sleep(10);
        }
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

    @Before
    public void forgetCalls() {
        paths.calls.clear();
    }

    /** Fail on sda from the test's dbus-java client; null when it succeeded, else the error. */
    private static BusCalls.ErrorReply callFail(Map<String, Variant<?>> options) throws Exception {
        try {
            BusCalls.call(client.connection, DEST, SDA, TestInterface.PATH_CONTROL, "Fail", 30_000, "a{sv}", options);
            return null;
        } catch (BusCalls.ErrorReply e) {
            return e;
        }
    }

    private static Commands.Result gdbusFail(boolean asNobody) {
        return gdbusFail(asNobody, "{}");
    }

    /** Fail on sda through gdbus, as root or as nobody, with options in GVariant text ("{'timeout': <2>}"). */
    private static Commands.Result gdbusFail(boolean asNobody, String options) {
        List<String> argv = new ArrayList<>();
        if (asNobody) {
            argv.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
        }
        argv.addAll(List.of("gdbus", "call", "--address", bus.address(), "--dest", DEST, "--object-path", SDA,
                "--method", TestInterface.PATH_CONTROL + ".Fail", options));
        return Commands.run(argv);
    }

    /** Median round trip of a no-op call through busctl (as nobody: through polkit), in ms. */
    private static double medianBusctlMillis(boolean asNobody) {
        long[] nanos = new long[TIMED_CALLS];
        List<String> argv = new ArrayList<>();
        if (asNobody) {
            argv.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
        }
        argv.addAll(List.of("busctl", "--address=" + bus.address(), "call", DEST, SDA, TestInterface.PATH_CONTROL,
                "Fail", "a{sv}", "0"));
        for (int i = 0; i < TIMED_CALLS; i++) {
            long start = System.nanoTime();
            Commands.run(argv).ok();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return nanos[TIMED_CALLS / 2] / 1e6;
    }

    /** Median round trip of {@code member} from the test's dbus-java client (no process start), in ms. */
    private static double medianClientMillis(String iface, String member, String signature, Object... args)
            throws Exception {
        long[] nanos = new long[101];
        for (int i = 0; i < nanos.length; i++) {
            long start = System.nanoTime();
            BusCalls.call(client.connection, DEST, SDA, iface, member, 10_000, signature, args);
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return nanos[nanos.length / 2] / 1e6;
    }

    private static String clientFigures() throws Exception {
        return String.format("from dbus-java, median of 101: Fail %.2f ms, Peer.Ping %.2f ms",
                medianClientMillis(TestInterface.PATH_CONTROL, "Fail", "a{sv}", Map.of()),
                medianClientMillis("org.freedesktop.DBus.Peer", "Ping", null));
    }

    private static double medianPeerPingMillis() {
        long[] nanos = new long[TIMED_CALLS];
        for (int i = 0; i < TIMED_CALLS; i++) {
            long start = System.nanoTime();
            Commands.run("busctl", "--address=" + bus.address(), "call", DEST, SDA, "org.freedesktop.DBus.Peer",
                    "Ping").ok();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        return nanos[TIMED_CALLS / 2] / 1e6;
    }

    /** The D-Bus error name and message gdbus printed for a failed call. */
    private static String gdbusError(Commands.Result result) {
        assertNotEquals("the call should have failed: " + result.out(), 0, result.exit());
        return result.err().strip();
    }

    @Test
    public void polkitAllowsWithTheCallersBusNameAsSubject() throws Exception {
        try (PolkitMock polkit = PolkitMock.template(bus.address(), client.connection)) {
            polkit.setAllowed(TestInterface.MANAGE_PATHS);
            gdbusFail(true).ok();
            assertEquals(1, paths.calls.size());
            assertEquals(65534, paths.calls.get(0).caller().uid());
            gdbusFail(true, "{'auth.no_user_interaction': <true>}").ok();
            List<List<Object>> checks = polkit.checks();
            assertEquals(2, checks.size());
            assertEquals(List.of(PolkitMock.busNameSubject(paths.calls.get(0).caller().busName()),
                    TestInterface.MANAGE_PATHS, Map.of(), 1L, ""), checks.get(0));
            assertEquals("auth.no_user_interaction: no AllowUserInteraction", 0L, checks.get(1).get(3));
            System.out.printf("no-op control call through busctl, dbusmock polkit allowing: nobody median %.1f ms,"
                    + " root (polkit not asked) %.1f ms, of %d (a Peer.Ping through busctl: %.1f ms); root %s%n",
                    medianBusctlMillis(true), medianBusctlMillis(false), TIMED_CALLS, medianPeerPingMillis(),
                    clientFigures());
        }
    }

    @Test
    public void polkitDenies() throws Exception {
        try (PolkitMock polkit = PolkitMock.template(bus.address(), client.connection)) {
            polkit.setAllowed("org.mpathbus.multipath1.manage-maps");
            String denied = gdbusError(gdbusFail(true));
            assertTrue(denied, denied.contains(BusError.NOT_AUTHORIZED + ": Not authorized to fail path sda (polkit"
                    + " action org.mpathbus.multipath1.manage-paths)"));
            assertEquals("a denied call never reaches the provider", 0, paths.calls.size());
        }
    }

    @Test
    public void rootIsLetThroughWithoutAskingADenyingPolkit() throws Exception {
        try (PolkitMock polkit = PolkitMock.template(bus.address(), client.connection)) {
            assertEquals(null, callFail(Map.of()));
            assertEquals(1, paths.calls.size());
            assertEquals(0, paths.calls.get(0).caller().uid());
            assertEquals("polkit is not asked about root", List.of(), polkit.checks());
        }
    }

    /** polkitd running without our policy file answers every check with "not registered". */
    @Test
    public void rootIsLetThroughWhenPolkitLacksThePolicy() throws Exception {
        try (PolkitMock polkit = PolkitMock.raising(bus.address(), client.connection,
                "org.freedesktop.PolicyKit1.Error.Failed",
                "Action " + TestInterface.MANAGE_PATHS + " is not registered")) {
            Commands.Result root = gdbusFail(false);
            assertEquals(root.err(), 0, root.exit());
            assertEquals(1, paths.calls.size());
            assertEquals(0, paths.calls.get(0).caller().uid());

            String nobody = gdbusError(gdbusFail(true));
            assertTrue(nobody, nobody.contains(BusError.FAILED + ": polkit could not decide whether to fail path sda"));
            assertTrue(nobody, nobody.contains("is not registered"));
            assertEquals("only nobody's call asked polkit", 1, polkit.checks().size());
            assertEquals(1, paths.calls.size());
        }
    }

    @Test
    public void aChallengeIsNotAuthorizedCanObtain() throws Exception {
        try (PolkitMock polkit = PolkitMock.answering(bus.address(), client.connection, "(False, True, {})")) {
            String denied = gdbusError(gdbusFail(true, "{'auth.no_user_interaction': <true>}"));
            assertTrue(denied, denied.contains(BusError.NOT_AUTHORIZED_CAN_OBTAIN + ": Not authorized to fail path sda"));
            List<Object> check = polkit.checks().get(0);
            assertEquals(List.of(TestInterface.MANAGE_PATHS, Map.of(), 0L, ""), check.subList(1, 5));
            assertEquals(0, paths.calls.size());
        }
    }

    @Test
    public void aDismissedDialogIsNotAuthorizedDismissed() throws Exception {
        try (PolkitMock polkit = PolkitMock.answering(bus.address(), client.connection,
                "(False, False, {'polkit.dismissed': 'true'})")) {
            String denied = gdbusError(gdbusFail(true));
            assertTrue(denied, denied.contains(BusError.NOT_AUTHORIZED_DISMISSED + ":"));
            assertTrue(denied, denied.contains("dismissed"));
            assertEquals(0, paths.calls.size());
        }
    }

    @Test
    public void aHangingPolkitFailsTheCallWithinItsTimeout() throws Exception {
        try (PolkitMock polkit = PolkitMock.template(bus.address(), client.connection)) {
            polkit.simulateHang(true);
            long start = System.nanoTime();
            String failed = gdbusError(gdbusFail(true, "{'timeout': <2>}"));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(failed, failed.contains(BusError.TIMEOUT + ": polkit did not decide within 2 s"));
            assertTrue("answered after " + millis + " ms", millis >= 1_900 && millis < 6_000);
            assertEquals(0, paths.calls.size());
        }
    }

    @Test
    public void withoutPolkitOnlyRootMay() throws Exception {
        Commands.Result root = gdbusFail(false);
        assertEquals(root.err(), 0, root.exit());
        assertEquals(1, paths.calls.size());
        assertEquals(0, paths.calls.get(0).caller().uid());

        Commands.Result nobody = gdbusFail(true);
        assertNotEquals(0, nobody.exit());
        assertTrue(nobody.err(), nobody.err().contains(BusError.NOT_AUTHORIZED + ":"));
        assertTrue(nobody.err(), nobody.err().contains("no polkit authority runs on the bus, so only root may"));
        assertEquals("the denied call never reached the provider", 1, paths.calls.size());
        System.out.printf("no-op control call through busctl, no polkit (root): median %.1f ms of %d (a Peer.Ping"
                + " through busctl: %.1f ms); %s%n", medianBusctlMillis(false), TIMED_CALLS, medianPeerPingMillis(),
                clientFigures());
    }
}
