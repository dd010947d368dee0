package org.mpathbus.itests;

import static org.junit.Assert.assertEquals;
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
 * Readiness on the bus (issue 19): bin/mpathbusd on the simulator, on a private dbus-daemon, read with busctl.
 * The simulated multipathd's moods (mpath:multipathd hang, busy, answer) change the Manager's MultipathdState
 * and MultipathdBusy, each announced by PropertiesChanged; a map whose every path failed reads Usable false, and
 * true again once one path is back, announced the same way. Prints the time from the console command to the
 * signal. mpathbusctl status says the same.
 */
public class ReadinessIT {

    private static final String MANAGER = ControlDaemon.NAME + ".Manager";
    private static ControlDaemon daemon;

    @BeforeClass
    public static void daemonOnTheSimulator() throws Exception {
        Path work = MpathbusTestSupport.emptyDirectory("readiness");
        daemon = ControlDaemon.start(MpathbusTestSupport.distribution(), work,
                Map.of("org.mpathbus.simulator.cfg", "maps = 4\n"));
    }

    @AfterClass
    public static void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
    }

    private static String manager(String property) {
        return daemon.property(ControlDaemon.ROOT, "Manager", property);
    }

    /** Types the command and waits for the signal that matches; returns the milliseconds between. */
    private static long untilSignal(BusMonitor monitor, String command, String answer, String member, String text) {
        int mark = monitor.mark();
        long started = System.nanoTime();
        try {
            daemon.console(command, answer);
        } catch (java.io.IOException e) {
            throw new AssertionError(command + ": " + e, e);
        }
        Await.until(member + " with " + text + " after " + command, Await.DEFAULT,
                () -> !monitor.since(mark, BusMonitor.signal(member, text)).isEmpty(), daemon::tail);
        return (System.nanoTime() - started) / 1_000_000;
    }

    /** mpathbusctl on the daemon's bus; its output, which must come with exit status 0. */
    private static String mpathbusctl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(HostCommands.require("python3", "python3"),
                MpathbusTestSupport.distribution().resolve("bin/mpathbusctl").toString(),
                "--address=" + daemon.address()));
        command.addAll(List.of(args));
        HostCommands.Result result = HostCommands.run(command, new byte[0]);
        assertEquals(result.output(), 0, result.status());
        return result.output();
    }

    @Test
    public void multipathdsMoodsReachTheManagerWithPropertiesChanged() throws Exception {
        assertEquals("s \"idle\"", manager("MultipathdState"));
        assertEquals("b false", manager("MultipathdBusy"));
        assertEquals("b false", manager("ReconfigurePending"));
        try (BusMonitor monitor = BusMonitor.start(daemon)) {
            long hang = untilSignal(monitor, "mpath:multipathd hang", "multipathd hangs", "PropertiesChanged",
                    "\"MultipathdState\":{\"type\":\"s\",\"data\":\"unresponsive\"}");
            assertEquals("s \"unresponsive\"", manager("MultipathdState"));
            String status = mpathbusctl("status");
            assertTrue(status, status.contains("multipathd: unresponsive\n"));
            long busy = untilSignal(monitor, "mpath:multipathd busy", "answers busy", "PropertiesChanged",
                    "\"MultipathdBusy\":{\"type\":\"b\",\"data\":true}");
            assertEquals("s \"idle\"", manager("MultipathdState"));
            assertEquals("b true", manager("MultipathdBusy"));
            long answer = untilSignal(monitor, "mpath:multipathd answer", "answers again", "PropertiesChanged",
                    "\"MultipathdBusy\":{\"type\":\"b\",\"data\":false}");
            assertEquals("s \"idle\"", manager("MultipathdState"));
            System.out.printf("ReadinessIT: console command to the Manager's PropertiesChanged (busctl monitor):"
                    + " hang %d ms, busy %d ms, answer %d ms%n", hang, busy, answer);
        } finally {
            daemon.console("mpath:multipathd answer", "multipathd answers again");
        }
    }

    @Test
    public void aMapWithEveryPathFailedIsNotUsableAndIsAgainWithOnePathBack() throws Exception {
        String map = daemon.lookup("mpathb");
        List<String> paths = daemon.objects(map, "Map", "Paths");
        assertTrue(paths.size() >= 2);
        assertEquals("b true", daemon.property(map, "Map", "Usable"));
        String usable = "\"Usable\":{\"type\":\"b\",\"data\":";
        try (BusMonitor monitor = BusMonitor.start(daemon)) {
            int mark = monitor.mark();
            for (String path : paths.subList(0, paths.size() - 1)) {
                String name = ControlDaemon.pathName(path);
                daemon.console("mpath:fail " + name, "failed path " + name);
                assertEquals("usable while a path is left", "b true", daemon.property(map, "Map", "Usable"));
            }
            assertTrue("no change of Usable yet", monitor.since(mark, BusMonitor.signal("PropertiesChanged", usable))
                    .isEmpty());
            String last = ControlDaemon.pathName(paths.get(paths.size() - 1));
            long down = untilSignal(monitor, "mpath:fail " + last, "failed path " + last, "PropertiesChanged",
                    usable + "false}");
            assertEquals("b false", daemon.property(map, "Map", "Usable"));
            String status = mpathbusctl("status");
            assertTrue(status, status.contains("maps: 4, 1 without a usable path: mpathb"));
            assertTrue(mpathbusctl("maps"), mpathbusctl("maps").lines()
                    .anyMatch(line -> line.startsWith("mpathb ") && line.contains(" no ")));
            assertEquals("s \"failed\"", daemon.property(map, "Map", "Health"));
            long up = untilSignal(monitor, "mpath:restore " + last, "restored path " + last, "PropertiesChanged",
                    usable + "true}");
            assertEquals("b true", daemon.property(map, "Map", "Usable"));
            System.out.printf("ReadinessIT: last path failed to Usable false %d ms, restored to true %d ms%n", down, up);
        } finally {
            for (String path : paths.subList(0, paths.size() - 1)) {
                daemon.console("mpath:restore " + ControlDaemon.pathName(path), "restored path");
            }
        }
    }
}
