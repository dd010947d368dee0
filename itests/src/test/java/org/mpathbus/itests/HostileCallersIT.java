package org.mpathbus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.mpathbus.testing.Await;

/**
 * The write path as hostile local users meet it: bin/mpathbusd with its shipped options (its heap limit among
 * them) on the simulator with writes enabled, on a private bus every user may reach, with dbusmock standing in
 * for polkitd (it denies, or hangs). Unprivileged callers are setpriv'd python3-dbus clients; root's calls are
 * not put to polkit. Each test is one finding of issue 18, asserted on what the daemon does and logs.
 */
public class HostileCallersIT {

    private static final String ERROR = "org.mpathbus.Multipath1.Error.";
    private static final String INVALID_ARGS = "org.freedesktop.DBus.Error.InvalidArgs";
    private static final String MANAGER_CONTROL = ControlDaemon.NAME + ".ManagerControl";
    private static final String PATH_CONTROL = ControlDaemon.NAME + ".PathControl";
    /** Users of Debian's base-passwd: the bus's policy looks up a caller's groups, so a uid must exist. */
    private static final long NOBODY = 65534;
    private static final long DAEMON = 1;
    private static final long BIN = 2;
    private static final long SYS = 3;
    private static final long SYNC = 4;
    /** A size the daemon's heap could not hold many copies of; the spec lets the bus carry it. */
    private static final int HUGE = 30_000_000;

    private static ControlDaemon daemon;
    private static PolkitStandIn polkit;

    @BeforeClass
    public static void daemonWithWritesOnABusForAllUsers() throws Exception {
        for (long uid : new long[] {NOBODY, DAEMON, BIN, SYS, SYNC}) {
            assertFalse("no user " + uid + " in /etc/passwd (Debian's base-passwd has it)",
                    HostCommands.run("getent", "passwd", String.valueOf(uid)).isBlank());
        }
        Path work = MpathbusTestSupport.emptyDirectory("hostile-callers");
        PrivateBus bus = PrivateBus.startForAllUsers(work.resolve("dbus-daemon.log"));
        polkit = PolkitStandIn.start(bus.address());
        daemon = ControlDaemon.start(MpathbusTestSupport.distribution(), work, bus, Map.of(
                ControlDaemon.CONTROL_CFG, "enabled = true\n", "org.mpathbus.simulator.cfg", "maps = 4\n"));
        Await.until("the control interfaces on the manager", Await.DEFAULT,
                () -> daemon.busctl("introspect", ControlDaemon.NAME, ControlDaemon.ROOT).out()
                        .contains(MANAGER_CONTROL), daemon::tail);
    }

    @AfterClass
    public static void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
        if (polkit != null) {
            polkit.close();
        }
    }

    private static BusCaller.Call call(long uid, String path, String iface, String method, List<String> args,
            Map<String, Integer> options) throws Exception {
        return BusCaller.start(daemon.address(), uid, path, iface, method, args, options, 600);
    }

    private static void assertAnswering() {
        assertTrue("the daemon ended: " + daemon.tail(), daemon.process().alive());
        assertTrue(daemon.property(ControlDaemon.ROOT, "Manager", "Maps").contains("/maps/"));
    }

    private static String firstPath() {
        return daemon.objects(daemon.lookup("mpatha"), "Map", "Paths").get(0);
    }

    /** Whether a call of {@code uid}'s is refused because the user holds all of its slots. */
    private static boolean holdsAll(long uid, String path) {
        try {
            BusCaller.Result probe = call(uid, path, PATH_CONTROL, "Fail", List.of(), Map.of("timeout", 1)).result();
            return probe.name().equals(ERROR + "Busy")
                    && probe.message().contains("uid " + uid + " has 4 control calls in flight");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    public void hugeArgumentsAreRefusedBeforeTheyAreReadAndTheDaemonLives() throws Exception {
        String huge = "3".repeat(HUGE);
        List<BusCaller.Call> calls = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            calls.add(call(NOBODY, ControlDaemon.ROOT, MANAGER_CONTROL, "AddWwid", List.of(huge), Map.of()));
            calls.add(call(NOBODY, ControlDaemon.ROOT, ControlDaemon.NAME + ".Manager", "Lookup", List.of(huge),
                    null));
        }
        for (BusCaller.Call call : calls) {
            BusCaller.Result refused = call.result();
            assertEquals(refused.message(), INVALID_ARGS, refused.name());
            assertTrue(refused.message(), refused.message().matches("the call is \\d+ bytes; no method of "
                    + "org\\.mpathbus\\.Multipath1 takes more than 16384"));
        }
        String wwid = "3".repeat(300);
        BusCaller.Result tooLong = call(NOBODY, ControlDaemon.ROOT, MANAGER_CONTROL, "AddWwid", List.of(wwid),
                Map.of()).result();
        assertEquals(INVALID_ARGS, tooLong.name());
        assertEquals(MANAGER_CONTROL + ".AddWwid: argument 1 is 300 characters; at most 256", tooLong.message());
        assertAnswering();
        for (String line : daemon.process().output().split("\n")) {
            assertTrue("a log line of " + line.length() + " characters", line.length() < 4096);
        }
    }

    @Test
    public void whatCallersSendNeverStartsALineOfTheLog() throws Exception {
        String marker = "FORGED-" + System.nanoTime();
        String forged = "2026-12-07 03:36:59 INFO ManagerControl.Reconfigure by uid 0 " + marker + " ok (3 ms)";
        BusCaller.Result denied = call(NOBODY, ControlDaemon.ROOT, MANAGER_CONTROL, "AddWwid",
                List.of("x\n" + forged), Map.of("k\r\n" + marker, 1)).result();
        assertEquals(ERROR + "NotAuthorized", denied.name());
        BusCaller.Result refused = call(0, ControlDaemon.ROOT, MANAGER_CONTROL, "AddPath",
                List.of("sdzz\u2028" + forged), Map.of()).result();
        assertEquals(INVALID_ARGS, refused.name());
        assertTrue("the error text quotes the argument on one line: " + refused.message(),
                refused.message().contains("not sdzz\\u2028" + forged));
        Await.until("both calls in the log", Await.DEFAULT,
                () -> daemon.process().output().split(marker, -1).length > 4, daemon::tail);
        int quoted = 0;
        for (String line : daemon.process().output().split("\n|\r|\u2028|\u0085")) {
            int at = line.indexOf(marker);
            if (at >= 0) {
                int call = line.indexOf("D-Bus call ");
                assertTrue("a line the caller wrote: " + line, call >= 0 && call < at);
                quoted++;
            }
        }
        assertEquals("each call's one line quotes the caller's text", 2, quoted);
    }

    @Test
    public void rootIsServedWhileOthersWaitOnAPolkitThatNeverAnswers() throws Exception {
        String path = firstPath();
        List<BusCaller.Call> waiting = new ArrayList<>();
        polkit.hang(true);
        try {
            long[] users = {NOBODY, DAEMON, BIN, SYS};
            for (long uid : users) {
                for (int i = 0; i < 4; i++) {
                    waiting.add(call(uid, path, PATH_CONTROL, "Fail", List.of(), Map.of()));
                }
            }
            for (long uid : users) {
                // A fifth call is refused at once only while the user's four wait (a probe that is not gets
                // polkit's silence for a second)
                Await.until("uid " + uid + "'s four calls waiting on polkit", Await.DEFAULT, () -> holdsAll(uid, path),
                        daemon::tail);
            }

            BusCaller.Result reconfigure = call(0, ControlDaemon.ROOT, MANAGER_CONTROL, "Reconfigure", List.of(),
                    Map.of()).result();
            assertEquals("root's call while 16 others wait: " + reconfigure.message(), "ok", reconfigure.name());

            BusCaller.Result timed = call(SYNC, path, PATH_CONTROL, "Fail", List.of(), Map.of("timeout", 3))
                    .result();
            assertEquals(ERROR + "Timeout", timed.name());
            assertTrue(timed.message(), timed.message().contains("polkit did not decide within 3 s"));
            assertTrue("one deadline for the whole call: " + timed.millis() + " ms",
                    timed.millis() >= 2_900 && timed.millis() < 4_500);

            for (BusCaller.Call call : waiting.subList(0, 4)) {
                call.kill();
            }
            BusCaller.Result freed = call(NOBODY, path, PATH_CONTROL, "Fail", List.of(), Map.of("timeout", 2))
                    .result();
            assertTrue("a killed caller's slots are free again, its new call put to polkit: " + freed.message(),
                    freed.message().contains("polkit did not decide within 2 s"));
            System.out.printf("HostileCallersIT: root's Reconfigure %d ms while 16 calls wait on polkit; timeout 3"
                    + " answered in %d ms%n", reconfigure.millis(), timed.millis());
        } finally {
            polkit.hang(false);
            for (BusCaller.Call call : waiting) {
                call.kill();
            }
        }
        assertAnswering();
    }
}
