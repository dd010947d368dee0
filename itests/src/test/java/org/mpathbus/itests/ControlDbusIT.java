package org.mpathbus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import org.mpathbus.testing.Await;

/**
 * The write-capable exporter in bin/mpathbusd on the simulator, on a private bus without polkit (root is
 * allowed), writes enabled in etc/: every operation through busctl or gdbus, checked by reading the objects
 * back right after the reply; the typed errors from the simulated multipathd; a hung multipathd's Timeout within
 * the deadline while reads go on; writes turned off and on again in etc/ at run time; and mpathbusctl's write
 * commands. Prints each operation's latency from call to reply.
 */
public class ControlDbusIT {

    private static final int MAPS = 6;
    private static final String ERROR = "org.mpathbus.Multipath1.Error.";
    private static ControlDaemon daemon;
    private static Path work;
    /** Milliseconds from busctl's start to its end (the reply), by operation. */
    private static final Map<String, List<Long>> LATENCIES = Collections.synchronizedMap(new TreeMap<>());

    @BeforeClass
    public static void daemonWithWritesEnabled() throws Exception {
        work = MpathbusTestSupport.emptyDirectory("control-dbus");
        daemon = ControlDaemon.start(MpathbusTestSupport.distribution(), work, Map.of(
                ControlDaemon.CONTROL_CFG, "enabled = true\n",
                "org.mpathbus.simulator.cfg", "maps = " + MAPS + "\n"));
        awaitControlInterfaces();
    }

    private static void awaitControlInterfaces() {
        Await.until("the control interfaces on the manager", Await.DEFAULT,
                () -> daemon.busctl("introspect", ControlDaemon.NAME, ControlDaemon.ROOT).out()
                        .contains("org.mpathbus.Multipath1.ManagerControl"), daemon::tail);
    }

    @AfterClass
    public static void printLatenciesAndStop() throws Exception {
        StringBuilder figures = new StringBuilder("ControlDbusIT: call to reply through busctl on the simulator"
                + " (busctl's own start included), median / max of n:");
        LATENCIES.forEach((operation, millis) -> {
            List<Long> sorted = new ArrayList<>(millis);
            Collections.sort(sorted);
            figures.append(String.format("%n  %-26s %4d / %4d ms (n=%d)", operation, sorted.get(sorted.size() / 2),
                    sorted.get(sorted.size() - 1), sorted.size()));
        });
        if (daemon != null) {
            figures.append("\nControlDbusIT: the same calls inside the daemon (its log line: admitted to replied),"
                    + " median / max of n:");
            inDaemon(daemon.process().output()).forEach((call, millis) -> figures.append(String.format(
                    "%n  %-26s %4d / %4d ms (n=%d)", call, millis.get(millis.size() / 2), millis.get(millis.size() - 1),
                    millis.size())));
        }
        System.out.println(figures);
        if (daemon != null) {
            daemon.close();
        }
    }

    /** Milliseconds of each successful control call by method, from the exporter's log lines. */
    private static Map<String, List<Long>> inDaemon(String log) {
        Map<String, List<Long>> byCall = new TreeMap<>();
        Matcher line = Pattern.compile("D-Bus call org\\.mpathbus\\.Multipath1\\.(\\w+\\.\\w+) .*: ok \\((\\d+) ms\\)")
                .matcher(log);
        while (line.find()) {
            byCall.computeIfAbsent(line.group(1), key -> new ArrayList<>()).add(Long.parseLong(line.group(2)));
        }
        byCall.values().forEach(Collections::sort);
        return byCall;
    }

    private static String map(String name) {
        return daemon.lookup(name);
    }

    private static List<String> pathsOf(String mapObject) {
        return daemon.objects(mapObject, "Map", "Paths");
    }

    /** A control call through busctl that must succeed; its latency is kept under {@code operation}. */
    private static ControlDaemon.Result ok(String operation, String object, String iface, String method,
            String... signatureAndValues) {
        ControlDaemon.Result result = daemon.call(object, iface, method, signatureAndValues);
        assertEquals(operation + ": " + result.err() + "\n" + daemon.tail(), 0, result.exit());
        LATENCIES.computeIfAbsent(operation, key -> Collections.synchronizedList(new ArrayList<>())).add(result.millis());
        return result;
    }

    /** A call through gdbus that must fail with {@code error}; returns its message. */
    private static String fails(String error, String object, String ifaceMethod, String... arguments) {
        ControlDaemon.Result result = daemon.gdbus(object, ifaceMethod, arguments);
        assertTrue(ifaceMethod + " fails: " + result.out(), result.exit() != 0);
        assertTrue("error " + error + ": " + result.out(), result.out().contains("GDBus.Error:" + error + ": "));
        return result.out().substring(result.out().indexOf(error) + error.length() + 2).strip();
    }

    @Test
    public void failAndReinstateShowInTheVeryNextGet() {
        String path = pathsOf(map("mpatha")).get(0);
        for (int round = 0; round < 5; round++) {
            ok("PathControl.Fail", path, "PathControl", "Fail", "a{sv}", "0");
            assertEquals("s \"failed\"", daemon.property(path, "Path", "DmState"));
            ok("PathControl.Reinstate", path, "PathControl", "Reinstate", "a{sv}", "0");
            assertEquals("s \"active\"", daemon.property(path, "Path", "DmState"));
        }
    }

    @Test
    public void removeTakesThePathOutOfItsMapAndAddPathRepliesWithTheMapItJoined() {
        String mapObject = map("mpatha");
        String path = pathsOf(mapObject).get(1);
        String name = ControlDaemon.pathName(path);
        for (int round = 0; round < 3; round++) {
            ok("PathControl.Remove", path, "PathControl", "Remove", "a{sv}", "0");
            assertEquals("o \"/\"", daemon.property(path, "Path", "Map"));
            ControlDaemon.Result added = ok("ManagerControl.AddPath", ControlDaemon.ROOT, "ManagerControl", "AddPath",
                    "sa{sv}", "/dev/" + name, "0");
            assertEquals("o \"" + mapObject + "\"", added.out().strip());
            assertEquals("o \"" + mapObject + "\"", daemon.property(path, "Path", "Map"));
        }
    }

    @Test
    public void switchGroupMovesIoAndQueueingIsDisabledAndRestored() {
        String mapObject = map("mpathb");
        List<String> groups = daemon.objects(mapObject, "Map", "PathGroups");
        for (int round = 0; round < 3; round++) {
            ok("MapControl.SwitchGroup", mapObject, "MapControl", "SwitchGroup", "oa{sv}", groups.get(1), "0");
            assertEquals("o \"" + groups.get(1) + "\"", daemon.property(mapObject, "Map", "ActivePathGroup"));
            ok("MapControl.SwitchGroup", mapObject, "MapControl", "SwitchGroup", "oa{sv}", groups.get(0), "0");
            assertEquals("o \"" + groups.get(0) + "\"", daemon.property(mapObject, "Map", "ActivePathGroup"));
            ok("MapControl.SetQueueing off", mapObject, "MapControl", "SetQueueing", "ba{sv}", "false", "0");
            assertEquals("s \"off\"", daemon.property(mapObject, "Map", "Queueing"));
            ok("MapControl.SetQueueing on", mapObject, "MapControl", "SetQueueing", "ba{sv}", "true", "0");
            assertEquals("s \"on\"", daemon.property(mapObject, "Map", "Queueing"));
        }
    }

    @Test
    public void resizeTakesTheSizeTheLunGrewTo() throws Exception {
        String mapObject = map("mpathc");
        long before = Long.parseLong(daemon.property(mapObject, "Map", "SizeBytes").replace("t ", ""));
        daemon.console("mpath:grow mpathc 20G", "grew to");
        assertEquals("the map keeps its size until it is resized", "t " + before,
                daemon.property(mapObject, "Map", "SizeBytes"));
        ok("MapControl.Resize", mapObject, "MapControl", "Resize", "a{sv}", "0");
        assertEquals("t " + (20L << 30), daemon.property(mapObject, "Map", "SizeBytes"));
        for (int round = 0; round < 2; round++) {
            ok("MapControl.Resize", mapObject, "MapControl", "Resize", "a{sv}", "0");
        }
    }

    @Test
    public void flushRepliesAfterTheMapsInterfacesRemovedAndReconfigureBringsItBack() throws Exception {
        try (BusMonitor monitor = BusMonitor.start(daemon)) {
            for (int round = 0; round < 3; round++) {
                String mapObject = map("mpathf");
                int mark = monitor.mark();
                ok("MapControl.Flush", mapObject, "MapControl", "Flush", "a{sv}", "0");
                assertFalse(daemon.property(ControlDaemon.ROOT, "Manager", "Maps").contains(mapObject));
                List<String> since = monitor.since(mark, line -> true);
                int removed = indexOf(since, BusMonitor.signal("InterfacesRemoved", "[\"" + mapObject + "\","));
                int reply = replyIndex(since, "Flush");
                assertTrue("InterfacesRemoved of " + mapObject + " (at " + removed + ") before the reply (at " + reply
                        + "):\n" + String.join("\n", since), removed >= 0 && reply > removed);
                ok("ManagerControl.Reconfigure", ControlDaemon.ROOT, "ManagerControl", "Reconfigure", "a{sv}", "0");
                assertTrue("mpathf is back after Reconfigure",
                        daemon.property(ControlDaemon.ROOT, "Manager", "Maps").contains("/maps/"));
                map("mpathf");
            }
        }
    }

    private static int indexOf(List<String> lines, java.util.function.Predicate<String> match) {
        for (int i = 0; i < lines.size(); i++) {
            if (match.test(lines.get(i))) {
                return i;
            }
        }
        return -1;
    }

    /** Where the reply to the last call of {@code member} is among {@code lines}: matched by cookie. */
    private static int replyIndex(List<String> lines, String member) {
        Pattern cookie = Pattern.compile("\"cookie\":(\\d+)");
        Pattern sender = Pattern.compile("\"sender\":\"([^\"]+)\"");
        String call = null;
        for (String line : lines) {
            if (line.startsWith("{\"type\":\"method_call\"") && line.contains("\"member\":\"" + member + "\"")) {
                call = line;
            }
        }
        assertTrue("the monitor saw the call of " + member, call != null);
        Matcher c = cookie.matcher(call);
        Matcher s = sender.matcher(call);
        assertTrue(c.find() && s.find());
        String reply = "\"reply_cookie\":" + c.group(1) + ",";
        String destination = "\"destination\":\"" + s.group(1) + "\"";
        return indexOf(lines, line -> line.contains(reply) && line.contains(destination));
    }

    @Test
    public void wwidsAreAddedAndForgottenAndAnUnknownOneIsNotFound() {
        for (int round = 0; round < 3; round++) {
            ok("ManagerControl.AddWwid", ControlDaemon.ROOT, "ManagerControl", "AddWwid", "sa{sv}", "3600abc" + round, "0");
            ok("ManagerControl.ForgetWwid", ControlDaemon.ROOT, "ManagerControl", "ForgetWwid", "sa{sv}",
                    "3600abc" + round, "0");
        }
        String message = fails(ERROR + "NotFound", ControlDaemon.ROOT, "ManagerControl.ForgetWwid", "'3600abc0'",
                "@a{sv} {}");
        assertTrue(message, message.startsWith("forget WWID 3600abc0: "));
        assertTrue("multipathd's words kept: " + message, message.contains("said: "));
    }

    @Test
    public void anUnknownDeviceIsNotFoundAndAnOpenMapInUse() throws Exception {
        String notFound = fails(ERROR + "NotFound", ControlDaemon.ROOT, "ManagerControl.AddPath", "'sdzz'", "@a{sv} {}");
        assertTrue(notFound, notFound.startsWith("add path sdzz: ") && notFound.contains("device not found"));
        String mapObject = map("mpathe");
        daemon.console("mpath:open mpathe", "is held open");
        try {
            String inUse = fails(ERROR + "InUse", mapObject, "MapControl.Flush", "@a{sv} {}");
            assertTrue(inUse, inUse.startsWith("flush map mpathe: ") && inUse.contains("map or partition in use"));
            assertEquals("the map stays", mapObject, map("mpathe"));
        } finally {
            daemon.console("mpath:close mpathe", "closed one hold");
        }
    }

    @Test
    public void badOptionsAndAGroupOfAnotherMapAreInvalidArgs() {
        String path = pathsOf(map("mpathd")).get(0);
        String timeout = fails("org.freedesktop.DBus.Error.InvalidArgs", path, "PathControl.Fail",
                "{'timeout': <'soon'>}");
        assertTrue(timeout, timeout.contains("timeout") && timeout.contains("must be a number of seconds"));
        String range = fails("org.freedesktop.DBus.Error.InvalidArgs", path, "PathControl.Fail",
                "{'timeout': <601>}");
        assertTrue(range, range.contains("at most 600"));
        String otherGroup = daemon.objects(map("mpatha"), "Map", "PathGroups").get(0);
        String group = fails("org.freedesktop.DBus.Error.InvalidArgs", map("mpathd"), "MapControl.SwitchGroup",
                "'" + otherGroup + "'", "@a{sv} {}");
        assertTrue(group, group.contains("is a group of map mpatha, not of map mpathd"));
        assertEquals("nothing was done", "s \"active\"", daemon.property(path, "Path", "DmState"));
    }

    @Test
    public void aHungMultipathdIsATimeoutWithinTheDeadlineWhileReadsGoOn() throws Exception {
        String path = pathsOf(map("mpathd")).get(1);
        daemon.console("mpath:multipathd hang", "multipathd hangs");
        try {
            long started = System.nanoTime();
            CompletableFuture<String> call = CompletableFuture.supplyAsync(() -> fails(ERROR + "Timeout", path,
                    "PathControl.Fail", "{'timeout': <4>}"));
            int reads = 0;
            long slowest = 0;
            while (!call.isDone()) {
                long read = System.nanoTime();
                assertEquals("s \"active\"", daemon.property(path, "Path", "DmState"));
                slowest = Math.max(slowest, (System.nanoTime() - read) / 1_000_000);
                reads++;
            }
            String message = call.get(10, TimeUnit.SECONDS);
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(message, message.startsWith("fail path " + ControlDaemon.pathName(path)));
            assertTrue("Timeout after " + millis + " ms, asked for 4 s", millis >= 3900 && millis < 7000);
            // A read held up by the hung call would take its 4 s; a loaded machine may make one take a second
            assertTrue("reads went on: " + reads + ", slowest " + slowest + " ms", reads >= 3 && slowest < 2000);
            System.out.printf("ControlDbusIT: hung multipathd: Timeout after %d ms (timeout 4 s); %d reads meanwhile,"
                    + " slowest %d ms%n", millis, reads, slowest);
        } finally {
            daemon.console("mpath:multipathd answer", "multipathd answers again");
        }
    }

    @Test
    public void writesTurnedOffInEtcTakeTheInterfacesAwayAndOnBringsThemBack() throws Exception {
        String path = pathsOf(map("mpathe")).get(0);
        try (BusMonitor monitor = BusMonitor.start(daemon)) {
            int mark = monitor.mark();
            daemon.configure(ControlDaemon.CONTROL_CFG, "enabled = false\n");
            Await.until("InterfacesRemoved of PathControl from " + path, Await.DEFAULT,
                    () -> !monitor.since(mark, BusMonitor.signal("InterfacesRemoved", "[\"" + path + "\","))
                            .isEmpty(), daemon::tail);
            String managed = daemon.busctl("call", ControlDaemon.NAME, ControlDaemon.ROOT,
                    "org.freedesktop.DBus.ObjectManager", "GetManagedObjects").ok().out();
            assertFalse("no control interface in GetManagedObjects", managed.contains("Control\""));
            assertFalse(daemon.busctl("introspect", "--xml-interface", ControlDaemon.NAME, path).ok().out()
                    .contains("PathControl"));
            assertFalse(daemon.busctl("introspect", "--xml-interface", ControlDaemon.NAME, ControlDaemon.ROOT).ok()
                    .out().contains("ManagerControl"));
            ControlDaemon.Result refused = daemon.gdbus(path, "PathControl.Fail", "@a{sv} {}");
            // dbus-java names its UnknownMethod org.freedesktop.dbus.errors.UnknownMethod, not the
            // specification's org.freedesktop.DBus.Error.UnknownMethod: both are taken here
            assertTrue(refused.out(), refused.out().matches("(?s).*GDBus\\.Error:org\\.freedesktop\\.(DBus\\.Error"
                    + "|dbus\\.errors)\\.Unknown(Interface|Method): .*"));
            assertEquals("s \"active\"", daemon.property(path, "Path", "DmState"));

            int again = monitor.mark();
            daemon.configure(ControlDaemon.CONTROL_CFG, "enabled = true\n");
            Await.until("InterfacesAdded of PathControl on " + path, Await.DEFAULT,
                    () -> !monitor.since(again, BusMonitor.signal("InterfacesAdded", "[\"" + path + "\","))
                            .isEmpty(), daemon::tail);
            assertTrue(daemon.busctl("introspect", "--xml-interface", ControlDaemon.NAME, path).ok().out()
                    .contains("org.mpathbus.Multipath1.PathControl"));
            ok("PathControl.Fail", path, "PathControl", "Fail", "a{sv}", "0");
            ok("PathControl.Reinstate", path, "PathControl", "Reinstate", "a{sv}", "0");
        } finally {
            daemon.configure(ControlDaemon.CONTROL_CFG, "enabled = true\n");
            awaitControlInterfaces();
        }
    }

    @Test
    public void mpathbusctlsWriteCommandsChangeTheObjectsAndSayWhyWhenTheyCannot() throws Exception {
        String path = ControlDaemon.pathName(pathsOf(map("mpathb")).get(2));
        assertEquals(path + ": failed", mpathbusctl("fail", path, "--timeout", "10").ok());
        assertEquals("s \"failed\"", daemon.property(daemon.lookup(path), "Path", "DmState"));
        assertEquals(path + ": reinstated", mpathbusctl("reinstate", "/dev/" + path).ok());
        assertEquals("mpathb: queueing disabled", mpathbusctl("queueing", "mpathb", "off").ok());
        assertEquals("s \"off\"", daemon.property(map("mpathb"), "Map", "Queueing"));
        assertEquals("mpathb: queueing restored", mpathbusctl("queueing", "mpathb", "on").ok());
        assertEquals("mpathb: switched to path group 2", mpathbusctl("switch-group", "mpathb", "2").ok());
        assertEquals("mpathb: switched to path group 1", mpathbusctl("switch-group", "mpathb", "1").ok());
        assertEquals("3600fff: added to the WWIDs file", mpathbusctl("add-wwid", "3600fff").ok());
        assertEquals("3600fff: removed from the WWIDs file", mpathbusctl("forget-wwid", "3600fff").ok());
        assertEquals("mpathc: resized", mpathbusctl("resize", "mpathc").ok());
        assertEquals("reconfigured", mpathbusctl("reconfigure").ok());
        Cli forgotten = mpathbusctl("forget-wwid", "3600fff");
        assertEquals(1, forgotten.exit());
        assertTrue(forgotten.output(), forgotten.output().startsWith("mpathbusctl: forget-wwid: forget WWID 3600fff: "));
        daemon.console("mpath:open mpathe", "is held open");
        try {
            Cli inUse = mpathbusctl("flush", "mpathe");
            assertEquals(1, inUse.exit());
            assertTrue(inUse.output(), inUse.output().contains("the map is in use"));
        } finally {
            daemon.console("mpath:close mpathe", "closed one hold");
        }
        Cli notAPath = mpathbusctl("fail", "mpathe");
        assertEquals(1, notAPath.exit());
        assertEquals("mpathbusctl: fail: 'mpathe' is a map, not a path", notAPath.output().strip());
        Cli removed = mpathbusctl("remove-path", path);
        assertEquals(path + ": removed from its map", removed.ok());
        assertTrue(mpathbusctl("add-path", path).ok().startsWith(path + ": a path of map mpathb ("));
    }

    private record Cli(int exit, String output) {
        String ok() {
            assertEquals(output, 0, exit);
            return output.strip();
        }
    }

    private static Cli mpathbusctl(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(HostCommands.require("python3", "python3"),
                MpathbusTestSupport.distribution().resolve("bin/mpathbusctl").toString(),
                "--address=" + daemon.address()));
        command.addAll(List.of(args));
        HostCommands.Result result = HostCommands.run(command, new byte[0]);
        return new Cli(result.status(), result.output());
    }
}
