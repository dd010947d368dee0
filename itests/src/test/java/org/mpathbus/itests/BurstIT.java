package org.mpathbus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.mpathbus.testing.Await;

/**
 * A fabric failure at kernel speed through the whole daemon: bin/mpathbusd with its shipped options on a
 * private dbus-daemon, the simulator at 2,500 maps x 4 paths over 2 hosts, a D-Bus client subscribed to its
 * signals and a real Prometheus scraping every second. Host 2's HBA port goes down (5,000 paths failed in one dm
 * event) and comes back. Every transition must reach the client and the counters, the exported objects must
 * end as the SAN is, and every scrape must be answered.
 */
public class BurstIT {

    private static final int MAPS = 2_500;
    private static final int PATHS_PER_MAP = 4;
    private static final int HOST = 2;
    private static final int HOST_PATHS = MAPS * PATHS_PER_MAP / 2;
    private static final int MANAGED_OBJECTS = 1 + MAPS + 2 * MAPS + MAPS * PATHS_PER_MAP;
    private static final String NAME = "org.mpathbus.Multipath1";
    private static final String ROOT = "/org/mpathbus/Multipath1";
    private static final Duration BURST_DEADLINE = Duration.ofMinutes(2);
    /** Prints "objects N", then one line per path: name, SCSI host, DmState. */
    private static final String PATH_STATES = """
            import json, sys
            objects = json.load(sys.stdin)["data"][0]
            print("objects", len(objects))
            for name, interfaces in objects.items():
                path = interfaces.get("org.mpathbus.Multipath1.Path")
                if path:
                    print(name.rsplit("/", 1)[1], path["Hbtl"]["data"][0], path["DmState"]["data"])
            """;

    private Path work;
    private PrivateBus bus;
    private DaemonProcess daemon;
    private PrometheusServer prometheus;
    private SignalClient client;
    private int metricsPort;

    @Before
    public void daemonOnAPrivateBus() throws Exception {
        Path home = MpathbusTestSupport.distribution();
        work = MpathbusTestSupport.emptyDirectory("burst");
        HostCommands.require("busctl", "systemd");
        bus = PrivateBus.start(work);
        Path etc = Files.createDirectories(work.resolve("etc"));
        try (Stream<Path> defaults = Files.list(home.resolve("etc"))) {
            for (Path cfg : defaults.toList()) {
                MpathbusdIT.ownerWritableOnly(Files.copy(cfg, etc.resolve(cfg.getFileName())));
            }
        }
        MpathbusdIT.ownerWritableOnly(Files.writeString(etc.resolve("org.mpathbus.simulator.cfg"),
                "maps = " + MAPS + "\npaths_per_map = " + PATHS_PER_MAP + "\nhosts = 2\n"));
        metricsPort = PrometheusServer.freePort();
        MpathbusdIT.ownerWritableOnly(Files.writeString(etc.resolve("org.mpathbus.exporter.prometheus.cfg"),
                "port = " + metricsPort + "\n"));
        daemon = DaemonProcess.start(home, DaemonProcess.mpathbusd(home, "--source=simulator", "--etc=" + etc,
                "--state=" + work.resolve("state"), "--bus-address=" + bus.address()));
        Await.until("the daemon to take " + NAME, Await.DEFAULT, () -> busctl("status", NAME).status() == 0,
                daemon::tail);
    }

    @After
    public void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        if (prometheus != null) {
            prometheus.close();
        }
        if (daemon != null) {
            daemon.close();
        }
        bus.close();
    }

    @Test
    public void aHostPortDownAndBackReachesEveryClientCounterAndObject() throws Exception {
        Map<String, Integer> hostOf = new HashMap<>();
        pathStates().forEach((path, state) -> hostOf.put(path, state.host()));
        Set<String> victims = hostOf.entrySet().stream().filter(e -> e.getValue() == HOST).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
        assertEquals("paths through host " + HOST, HOST_PATHS, victims.size());

        prometheus = PrometheusServer.scraping(metricsPort, Files.createDirectories(work.resolve("prometheus")));
        prometheus.awaitValue("up{job=\"mpathbus\"}", "1");
        prometheus.awaitValue("sum(mpathbus_path_failures_total)", "0");
        long scrapingSince = System.nanoTime();
        client = SignalClient.subscribe(bus.address(), NAME);
        long jvm = jvmPid();
        String residentBefore = procStatus(jvm, "VmRSS");

        long failAt = System.nanoTime();
        daemon.send("mpath:fail --host " + HOST);
        List<SignalClient.Transition> failed = awaitEvery("PathFailed", victims);
        double failSeconds = (last(failed) - failAt) / 1e9;
        assertTrue("the console's answer:\n" + daemon.tail(),
                daemon.output().contains("the kernel failed " + HOST_PATHS + " paths"));
        prometheus.awaitValue("sum(mpathbus_path_failures_total)", String.valueOf(HOST_PATHS));
        assertObjectsAre(victims, "failed", "after the host port went down");

        long restoreAt = System.nanoTime();
        daemon.send("mpath:restore --host " + HOST);
        List<SignalClient.Transition> reinstated = awaitEvery("PathReinstated", victims);
        double restoreSeconds = (last(reinstated) - restoreAt) / 1e9;
        prometheus.awaitValue("sum(mpathbus_path_reinstatements_total)", String.valueOf(HOST_PATHS));
        prometheus.awaitValue("sum(mpathbus_path_failures_total)", String.valueOf(HOST_PATHS));
        assertObjectsAre(Set.of(), "failed", "after the host port came back");

        long minFailed = failed.stream().mapToLong(SignalClient.Transition::seqnum).min().orElseThrow();
        long maxFailed = failed.stream().mapToLong(SignalClient.Transition::seqnum).max().orElseThrow();
        assertTrue("every PathReinstated comes after every PathFailed in seqnum", reinstated.stream()
                .allMatch(t -> t.seqnum() > maxFailed));
        assertEquals("distinct seqnums", 2 * HOST_PATHS, Stream.concat(failed.stream(), reinstated.stream())
                .map(SignalClient.Transition::seqnum).distinct().count());
        assertTrue("the client is still subscribed", client.isAlive());

        // Every scrape of the run was answered: up never 0; Prometheus skips the turn of a scrape still running
        long window = Math.max(2, (System.nanoTime() - scrapingSince) / 1_000_000_000L);
        String range = "[" + window + "s]";
        prometheus.awaitValue("min_over_time(up{job=\"mpathbus\"}" + range + ")", "1");
        int scrapes = Integer.parseInt(prometheus.query("count_over_time(up{job=\"mpathbus\"}" + range + ")")
                .orElse("0"));
        assertTrue("scrapes in " + window + " s: " + scrapes, scrapes >= window / 2);
        Optional<String> slowest = prometheus.query("max_over_time(scrape_duration_seconds{job=\"mpathbus\"}"
                + range + ")");

        assertTrue("the daemon's JVM is alive:\n" + daemon.tail(), ProcessHandle.of(jvm).map(ProcessHandle::isAlive)
                .orElse(false));
        assertEquals("the daemon answers on the bus", 0,
                busctl("get-property", NAME, ROOT, NAME + ".Manager", "Version").status());
        System.out.printf("BurstIT 2,500 x 4, host %d (%,d paths): fail to the client's last PathFailed %.2f s"
                + " (seqnum %d..%d), restore to its last PathReinstated %.2f s; %d scrapes in %d s, slowest %s s;"
                + " resident %s before, %s after, peak %s%n", HOST, HOST_PATHS, failSeconds, minFailed, maxFailed, restoreSeconds,
                scrapes, window, slowest.orElse("?"), residentBefore, procStatus(jvm, "VmRSS"), procStatus(jvm, "VmHWM"));
    }

    /**
     * Waits until the client has one {@code member} per path of {@code paths}; fails naming how many came, and
     * any signal for a path outside them or twice for one path.
     */
    private List<SignalClient.Transition> awaitEvery(String member, Set<String> paths) {
        Await.until("a " + member + " for each of the " + paths.size() + " paths", BURST_DEADLINE,
                () -> client.received(member).size() >= paths.size(),
                () -> client.received(member).size() + " " + member + " received; daemon:\n" + daemon.tail());
        List<SignalClient.Transition> received = client.received(member);
        Set<String> seen = new HashSet<>();
        for (SignalClient.Transition transition : received) {
            assertTrue(member + " for " + transition.path() + ", not behind the host", paths.contains(transition.path()));
            assertTrue("one " + member + " for " + transition.path(), seen.add(transition.path()));
        }
        return received;
    }

    private static long last(List<SignalClient.Transition> transitions) {
        return transitions.stream().mapToLong(SignalClient.Transition::receivedNanos).max().orElseThrow();
    }

    /** GetManagedObjects holds every object, and exactly {@code failed} have DmState failed, the rest active. */
    private void assertObjectsAre(Set<String> failed, String state, String when) throws Exception {
        Map<String, PathState> states = pathStates();
        assertEquals("paths in GetManagedObjects " + when, MAPS * PATHS_PER_MAP, states.size());
        Map<String, String> wrong = new TreeMap<>();
        states.forEach((path, actual) -> {
            String expected = failed.contains(path) ? state : "active";
            if (!actual.dmState().equals(expected)) {
                wrong.put(path, actual.dmState() + " (expected " + expected + ")");
            }
        });
        assertEquals("paths whose DmState differs from the SAN " + when, Map.of(), wrong);
    }

    private record PathState(int host, String dmState) {
    }

    /** Every path object of one GetManagedObjects: its SCSI host and DmState. */
    private Map<String, PathState> pathStates() throws Exception {
        Path reply = work.resolve("managed-objects.json");
        HostCommands.Result call = runBusctl(reply, "--json=short", "--timeout=120", "call", NAME, ROOT,
                "org.freedesktop.DBus.ObjectManager", "GetManagedObjects");
        assertEquals("GetManagedObjects: " + call.output(), 0, call.status());
        Process parse = new ProcessBuilder(HostCommands.require("python3", "python3"), "-c", PATH_STATES)
                .redirectInput(reply.toFile()).redirectErrorStream(true).start();
        List<String> lines = new String(parse.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        assertEquals("parsing GetManagedObjects: " + lines, 0, parse.waitFor());
        assertEquals("objects in GetManagedObjects", "objects " + MANAGED_OBJECTS, lines.get(0));
        Map<String, PathState> states = new HashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(" ");
            states.put(fields[0], new PathState(Integer.parseInt(fields[1]), fields[2]));
        }
        return states;
    }

    private HostCommands.Result busctl(String... arguments) {
        try {
            return runBusctl(work.resolve("busctl.out"), arguments);
        } catch (IOException e) {
            throw new AssertionError("cannot run busctl: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running busctl", e);
        }
    }

    private HostCommands.Result runBusctl(Path output, String... arguments) throws IOException, InterruptedException {
        List<String> command = Stream.concat(Stream.of("busctl", "--address=" + bus.address()), Stream.of(arguments))
                .toList();
        Path errors = work.resolve("busctl.err");
        Process process = new ProcessBuilder(command).redirectOutput(output.toFile()).redirectError(errors.toFile())
                .start();
        return new HostCommands.Result(process.waitFor(), Files.readString(errors));
    }

    /** The daemon's JVM: bin/mpathbusd execs it, so it is the test's descendant started with this state directory. */
    private long jvmPid() {
        String marker = "-Dmpathbus.state=" + work.resolve("state");
        return ProcessHandle.current().descendants()
                .filter(process -> process.info().arguments().map(List::of).orElse(List.of()).contains(marker))
                .findFirst().map(ProcessHandle::pid)
                .orElseThrow(() -> new AssertionError("no JVM started with " + marker + ":\n" + daemon.tail()));
    }

    private static String procStatus(long pid, String field) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(line -> line.startsWith(field + ":")).map(line -> line.substring(field.length() + 1).strip())
                .findFirst().orElse("?");
    }
}
