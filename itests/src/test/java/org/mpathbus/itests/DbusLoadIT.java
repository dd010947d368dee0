package org.mpathbus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.mpathbus.testing.Await;

/**
 * bin/mpathbusd with its shipped JVM options on a private dbus-daemon, the simulator at 2,500 maps x 4 paths:
 * ready means complete (the name comes with every map, every object introspects), and no load of readers
 * takes it down.
 */
public class DbusLoadIT {

    private static final int MAPS = 2_500;
    private static final int PATHS_PER_MAP = 4;
    /** Below the manager: the Config object, the maps, two groups per map, the paths. */
    private static final int MANAGED_OBJECTS = 1 + MAPS + 2 * MAPS + MAPS * PATHS_PER_MAP;
    private static final String NAME = "org.mpathbus.Multipath1";
    private static final String ROOT = "/org/mpathbus/Multipath1";
    private static final Duration LOAD_DEADLINE = Duration.ofMinutes(5);
    /** busctl's call timeout in seconds: on two loaded cores the last of 64 replies of 12 MB comes late. */
    private static final int TIMEOUT = 120;

    private Path home;
    private Path work;
    private String address;
    private PrivateBus bus;
    private DaemonProcess daemon;
    private int metricsPort;

    @Before
    public void privateBusAndDaemonCopy() throws Exception {
        home = MpathbusTestSupport.distribution();
        work = MpathbusTestSupport.emptyDirectory("dbus-load");
        HostCommands.require("busctl", "systemd");
        bus = PrivateBus.start(work);
        address = bus.address();
        Await.until("the private bus to answer", () -> busctl("list").exit == 0);
    }

    @After
    public void stop() throws Exception {
        if (daemon != null) {
            daemon.close();
        }
        bus.close();
    }

    /** Starts the daemon on the private bus with the simulator at 2,500 x 4 (a copy of etc/ says so). */
    private void startDaemon() throws IOException {
        Path etc = work.resolve("etc");
        Files.createDirectories(etc);
        try (Stream<Path> defaults = Files.list(home.resolve("etc"))) {
            for (Path cfg : defaults.toList()) {
                MpathbusdIT.ownerWritableOnly(Files.copy(cfg, etc.resolve(cfg.getFileName())));
            }
        }
        MpathbusdIT.ownerWritableOnly(Files.writeString(etc.resolve("org.mpathbus.simulator.cfg"),
                "maps = " + MAPS + "\npaths_per_map = " + PATHS_PER_MAP + "\n"));
        metricsPort = PrometheusServer.freePort();
        MpathbusdIT.ownerWritableOnly(Files.writeString(etc.resolve("org.mpathbus.exporter.prometheus.cfg"),
                "port = " + metricsPort + "\n"));
        daemon = DaemonProcess.start(home, DaemonProcess.mpathbusd(home, "--no-console", "--source=simulator",
                "--etc=" + etc, "--state=" + work.resolve("state"), "--bus-address=" + address));
    }

    private void awaitName() {
        Await.until("the daemon to take " + NAME, Await.DEFAULT, () -> busctl("status", NAME).exit == 0,
                daemon::tail);
    }

    /**
     * The Prometheus endpoint beside the bus: 16 concurrent scrapes with 4 GetManagedObjects (at 128 MB of
     * heap and two scrapes at a time this ended the daemon with OutOfMemoryError). Every scrape is whole.
     */
    @Test
    public void concurrentScrapesBesideGetManagedObjectsLeaveItAliveAndEveryScrapeWhole() throws Exception {
        startDaemon();
        awaitName();
        String curl = HostCommands.require("curl", "curl");
        String url = "http://127.0.0.1:" + metricsPort + "/metrics";
        Await.until("the metrics endpoint on port " + metricsPort, Await.DEFAULT,
                () -> HostCommands.run(curl, "-s", "-o", "/dev/null", "-w", "%{http_code}", url).equals("200"),
                daemon::tail);
        // curl as scrapers are: the endpoint answers one scrape at a time and the rest wait to connect.
        List<Process> scrapes = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            scrapes.add(new ProcessBuilder(curl, "-s", "--max-time", String.valueOf(TIMEOUT), "-o",
                    work.resolve("scrape-" + i).toString(), "-w", "%{http_code}", url).start());
        }
        List<CompletableFuture<Result>> calls = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            calls.add(CompletableFuture.supplyAsync(() -> busctl("--quiet", "--timeout=" + TIMEOUT, "call", NAME, ROOT,
                    "org.freedesktop.DBus.ObjectManager", "GetManagedObjects")));
        }
        for (int i = 0; i < scrapes.size(); i++) {
            Process scrape = scrapes.get(i);
            String status = new String(scrape.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue("scrape " + i + " ended", scrape.waitFor(LOAD_DEADLINE.toSeconds(), TimeUnit.SECONDS));
            assertEquals("scrape " + i + " status; daemon:\n" + daemon.tail(), "200", status);
            assertEquals("maps in scrape " + i, MAPS,
                    occurrences(Files.readString(work.resolve("scrape-" + i)), "\nmpathbus_device_info{"));
        }
        for (CompletableFuture<Result> call : calls) {
            Result result = call.get(LOAD_DEADLINE.toSeconds(), TimeUnit.SECONDS);
            assertEquals(result.err, 0, result.exit);
        }
        assertEquals("the daemon still answers on the bus", 0, busctl("status", NAME).exit);
        System.out.printf("2,500 x 4: 16 concurrent scrapes and 4 GetManagedObjects answered; resident %s%n",
                residentMemory(daemon.children().stream().map(p -> String.valueOf(p.pid())).toList()));
    }

    @Test
    public void theFirstGetManagedObjectsAfterTheNameAppearsHoldsEveryMap() throws Exception {
        startDaemon();
        awaitName();
        Result first = busctl("call", NAME, ROOT, "org.freedesktop.DBus.ObjectManager", "GetManagedObjects");
        assertEquals(first.err, 0, first.exit);
        assertEquals("objects in the first GetManagedObjects", MANAGED_OBJECTS, objectCount(first.out));
        assertEquals("maps in it", MAPS, occurrences(first.out, "\"org.mpathbus.Multipath1.Map\" "));
        assertFalse("no InterfacesAdded flood for the initial export:\n" + daemon.tail(),
                daemon.output().contains("InterfacesAdded"));
    }

    @Test
    public void busctlWalksTheWholeTreeRightAfterStartWithoutAnIntrospectError() throws Exception {
        startDaemon();
        awaitName();
        Result tree = busctl("tree", NAME);
        assertEquals(tree.err, 0, tree.exit);
        assertFalse("no Introspect error:\n" + tree.err, tree.err.contains("Error") || tree.err.contains("Failed"));
        assertEquals("every group in the tree", 2 * MAPS, occurrences(tree.out, "/groups/"));
        assertEquals("every path in the tree", MAPS * PATHS_PER_MAP, occurrences(tree.out, "/paths/"));
    }

    /**
     * 64 concurrent GetManagedObjects, 64 loops of GetAll and a client that asks for GetManagedObjects again and
     * again and never reads: afterwards the daemon lives and answers, and every reply it sent was whole (or a
     * clear Busy refusal).
     */
    @Test
    public void manyReadersAndAClientThatNeverReadsLeaveTheDaemonAliveAndEveryReplyWhole() throws Exception {
        startDaemon();
        awaitName();
        List<String> jvm = daemon.children().stream().map(handle -> Long.toString(handle.pid())).toList();
        Process stalled = new ProcessBuilder(HostCommands.require("python3", "python3"), "-c", NEVER_READS,
                work.resolve("bus").toString(), "32").redirectErrorStream(true).start();
        List<Process> readers = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            // Every eighth reply is printed and counted; the others are received whole (sd-bus takes a message
            // only when all the bytes its header announces came) but not printed, which would take the two
            // cores for a minute
            List<String> call = new ArrayList<>(List.of("busctl", "--address=" + address, "--timeout=" + TIMEOUT));
            if (i % 8 != 0) {
                call.add("--quiet");
            }
            call.addAll(List.of("call", NAME, ROOT, "org.freedesktop.DBus.ObjectManager", "GetManagedObjects"));
            readers.add(new ProcessBuilder(call)
                    .redirectOutput(work.resolve("managed-objects-" + i + ".txt").toFile())
                    .redirectError(work.resolve("managed-objects-" + i + ".err").toFile()).start());
        }
        for (int i = 0; i < 64; i++) {
            String path = ROOT + "/paths/sd" + (char) ('a' + i % 26) + (char) ('a' + i / 26);
            readers.add(new ProcessBuilder("bash", "-c", "for n in $(seq 20); do busctl --address='" + address
                    + "' --timeout=" + TIMEOUT + " call " + NAME + " " + path + " org.freedesktop.DBus.Properties GetAll s "
                    + "org.mpathbus.Multipath1.Path || exit 1; done")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(work.resolve("get-all-" + i + ".err").toFile()).start());
        }
        long deadline = System.nanoTime() + LOAD_DEADLINE.toNanos();
        List<Integer> exits = new ArrayList<>();
        for (Process reader : readers) {
            assertTrue("a reader finished within " + LOAD_DEADLINE, reader.waitFor(
                    Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS));
            exits.add(reader.exitValue());
        }
        try {
            assertTrue("the daemon's JVM is alive:\n" + daemon.tail(), daemon.children().stream()
                    .anyMatch(handle -> jvm.contains(Long.toString(handle.pid())) && handle.isAlive()));
            Result version = busctl("get-property", NAME, ROOT, "org.mpathbus.Multipath1.Manager", "Version");
            assertEquals("the daemon answers after the load: " + version.err, 0, version.exit);
            int whole = 0;
            for (int i = 0; i < 64; i++) {
                String err = Files.readString(work.resolve("managed-objects-" + i + ".err"));
                if (exits.get(i) == 0) {
                    if (i % 8 == 0) {
                        String out = Files.readString(work.resolve("managed-objects-" + i + ".txt"));
                        assertEquals("GetManagedObjects reply " + i + " whole", MANAGED_OBJECTS, objectCount(out));
                    }
                    whole++;
                } else {
                    assertTrue("a refused GetManagedObjects says the daemon is busy: " + err, err.contains("busy"));
                }
            }
            for (int i = 0; i < 64; i++) {
                String err = Files.readString(work.resolve("get-all-" + i + ".err"));
                assertTrue("GetAll loop " + i + " answered or refused as busy: " + err,
                        exits.get(64 + i) == 0 || err.contains("busy"));
            }
            assertTrue("most GetManagedObjects were answered whole: " + whole, whole >= 32);
            System.out.printf("64 GetManagedObjects + 64 GetAll loops + a client that never reads: %d of 64 whole;"
                    + " daemon resident memory %s%n", whole, residentMemory(jvm));
        } finally {
            stalled.destroyForcibly();
        }
    }

    /** Connects, says Hello, sends N GetManagedObjects calls and then never reads: its replies pile up. */
    private static final String NEVER_READS = """
            import os, socket, struct, sys, time
            def pad(b, n): return b + b'\\0' * (-len(b) % n)
            def string(s): e = s.encode(); return struct.pack('<I', len(e)) + e + b'\\0'
            def call(serial, dest, path, iface, member):
                fields = b''
                for code, sig, value in ((1, 'o', path), (2, 's', iface), (3, 's', member), (6, 's', dest)):
                    # Each field is a struct, 8-aligned; its value (a string) 4-aligned after the 3-byte signature
                    fields = pad(fields, 8) + struct.pack('<B', code) + bytes([len(sig)]) + sig.encode() + b'\\0'
                    fields = pad(fields, 4) + string(value)
                header = b'l\\1\\0\\1' + struct.pack('<III', 0, serial, len(fields))
                return pad(header + fields, 8)
            s = socket.socket(socket.AF_UNIX)
            s.connect(sys.argv[1])
            s.sendall(b'\\0AUTH EXTERNAL ' + str(os.getuid()).encode().hex().encode() + b'\\r\\n')
            s.recv(4096)
            s.sendall(b'BEGIN\\r\\n')
            s.sendall(call(1, 'org.freedesktop.DBus', '/org/freedesktop/DBus', 'org.freedesktop.DBus', 'Hello'))
            for serial in range(2, 2 + int(sys.argv[2])):
                s.sendall(call(serial, 'org.mpathbus.Multipath1', '/org/mpathbus/Multipath1',
                               'org.freedesktop.DBus.ObjectManager', 'GetManagedObjects'))
            time.sleep(600)
            """;

    private record Result(int exit, String out, String err) {
    }

    private Result busctl(String... arguments) {
        List<String> command = new ArrayList<>(List.of("busctl", "--address=" + address));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectOutput(work.resolve("busctl.out").toFile())
                    .redirectError(work.resolve("busctl.err").toFile()).start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError("busctl did not finish within 2 minutes: " + command);
            }
            return new Result(process.exitValue(), Files.readString(work.resolve("busctl.out")),
                    Files.readString(work.resolve("busctl.err")));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + command, e);
        }
    }

    /** The number of objects busctl printed for a GetManagedObjects reply: the length of the outer array. */
    private static int objectCount(String busctlOutput) {
        Matcher count = Pattern.compile("^a\\{oa\\{sa\\{sv}}} (\\d+) ").matcher(busctlOutput);
        return count.find() ? Integer.parseInt(count.group(1)) : -1;
    }

    private static int occurrences(String text, String what) {
        int count = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + what.length())) {
            count++;
        }
        return count;
    }

    private static String residentMemory(List<String> pids) {
        for (String pid : pids) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", pid, "status"), StandardCharsets.UTF_8)) {
                    if (line.startsWith("VmRSS:")) {
                        return line.substring(6).strip();
                    }
                }
            } catch (IOException e) {
                // Not the JVM, or gone: the next one
            }
        }
        return "unknown";
    }
}
