package org.mpathbus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.Before;
import org.junit.Test;
import org.mpathbus.testing.Await;

/**
 * bin/mpathbusd as a person or systemd runs it: a console fed through a pipe, hot deploy and etc/
 * reloads, a stop by SIGTERM, and the refusal of directories that others can write.
 */
public class MpathbusdIT {

    private static final Duration EXIT = Duration.ofSeconds(60);
    private static final String NO_BUS = "unix:path=/nonexistent/mpathbus-itests-bus";
    private static final List<String> SIMULATED_MAPS = List.of("mpatha", "mpathb", "mpathc", "mpathd");

    private Path home;
    private Path state;

    @Before
    public void distribution() throws IOException {
        home = MpathbusTestSupport.distribution();
        state = MpathbusTestSupport.emptyDirectory("mpathbusd-state");
    }

    /**
     * bin/mpathbusd with its own framework cache, and a bus address where no bus listens: a test daemon
     * must never publish on the host's system bus.
     */
    private List<String> mpathbusd(String... options) {
        List<String> command = DaemonProcess.mpathbusd(home, "--state=" + state, "--bus-address=" + NO_BUS);
        command.addAll(List.of(options));
        return command;
    }

    @Test
    public void pipedTopologyCommandPrintsTheSimulatedMaps() throws Exception {
        String script = "echo 'mpath:topology' | " + String.join(" ", mpathbusd("--source=simulator"));
        try (DaemonProcess daemon = DaemonProcess.start(home, List.of("bash", "-c", script))) {
            int status = daemon.awaitExit(EXIT);
            String output = daemon.output();
            assertEquals("exit status; output:\n" + output, 0, status);
            assertTrue(output, output.contains("mpathbusd: source simulator (--source=simulator)"));
            for (String map : SIMULATED_MAPS) {
                assertTrue(map + " in:\n" + output, Pattern.compile("(?m)^(g! )?" + map + " \\(").matcher(output).find());
            }
        }
    }

    @Test
    public void autoSourceSaysWhichAndWhy() throws Exception {
        try (DaemonProcess daemon = DaemonProcess.start(home, mpathbusd())) {
            daemon.closeInput();
            int status = daemon.awaitExit(EXIT);
            String output = daemon.output();
            assertEquals("exit status at the end of input; output:\n" + output, 0, status);
            assertTrue("the choice and its reason:\n" + output,
                    matches(output, "^mpathbusd: source (simulator|devmapper) \\(auto: .+\\)$"));
        }
    }

    @Test
    public void failEventsAndRestoreInTheConsole() throws Exception {
        long started = System.nanoTime();
        try (DaemonProcess daemon = DaemonProcess.start(home,
                mpathbusd("--source=simulator"))) {
            daemon.awaitProbe("the topology with every simulated map", "mpath:topology", out -> SIMULATED_MAPS.stream()
                    .allMatch(map -> Pattern.compile("(?m)^(g! )?" + map + " \\(").matcher(out).find()));
            System.out.printf("bin/mpathbusd start to the topology printed: %d ms%n",
                    (System.nanoTime() - started) / 1_000_000);
            assertTrue(daemon.output(), daemon.output().contains("mpathbusd: source simulator (--source=simulator)"));

            daemon.send("mpath:fail sda");
            daemon.awaitProbe("mpath:events to list the failure of sda and its checker's down", "mpath:events",
                    out -> matches(out, "path-failed\\s+mpatha\\s+sda\\s+valid_paths=3")
                            && matches(out, "path-checker-state\\s+mpatha\\s+sda\\s+up -> down"));

            daemon.send("mpath:restore sda");
            daemon.awaitProbe("mpath:events to list sda reinstated and up", "mpath:events",
                    out -> matches(out, "path-reinstated\\s+mpatha\\s+sda\\s+valid_paths=4")
                            && matches(out, "path-checker-state\\s+mpatha\\s+sda\\s+down -> up"));

            daemon.closeInput();
            assertEquals("exit status at the end of input; output:\n" + daemon.tail(), 0, daemon.awaitExit(EXIT));
        }
    }

    @Test
    public void bundleDroppedIntoDeployStartsAndStopsWhenRemoved() throws Exception {
        Path deploy = MpathbusTestSupport.emptyDirectory("deploy");
        try (DaemonProcess daemon = DaemonProcess.start(home,
                mpathbusd("--source=simulator", "--deploy=" + deploy))) {
            Path jar = ownerWritableOnly(CheckerBundles.writeAlwaysUp(
                    MpathbusTestSupport.emptyDirectory("jar").resolve("checker.jar")));
            // Moved in whole, so FileInstall never sees half a jar.
            Files.move(jar, deploy.resolve("itest-up-checker.jar"));
            daemon.awaitProbe("the deployed bundle active", "lb -s " + CheckerBundles.SYMBOLIC_NAME,
                    out -> matches(out, "\\|Active\\s*\\|.*\\|" + Pattern.quote(CheckerBundles.SYMBOLIC_NAME)));

            Files.delete(deploy.resolve("itest-up-checker.jar"));
            daemon.awaitProbe("the removed bundle gone", "lb -s " + CheckerBundles.SYMBOLIC_NAME,
                    out -> out.contains("No matching bundles found"));
        }
    }

    @Test
    public void changedConfigurationInEtcReshapesTheSimulator() throws Exception {
        Path etc = MpathbusTestSupport.emptyDirectory("etc");
        try (Stream<Path> defaults = Files.list(home.resolve("etc"))) {
            for (Path cfg : defaults.toList()) {
                ownerWritableOnly(Files.copy(cfg, etc.resolve(cfg.getFileName())));
            }
        }
        try (DaemonProcess daemon = DaemonProcess.start(home,
                mpathbusd("--source=simulator", "--etc=" + etc))) {
            daemon.awaitProbe("four simulated maps", "mpath:maps", out -> matches(out, "^mpathd\\s"));
            Path written = MpathbusTestSupport.emptyDirectory("cfg").resolve("org.mpathbus.simulator.cfg");
            ownerWritableOnly(Files.writeString(written, "maps = 2\npaths_per_map = 2\n"));
            // Moved in whole, so FileInstall never reads half a file.
            Files.move(written, etc.resolve("org.mpathbus.simulator.cfg"), StandardCopyOption.REPLACE_EXISTING);
            daemon.awaitProbe("two maps of two paths after the change in etc/", "mpath:maps",
                    out -> matches(out, "^mpathb\\s.*\\s2/2\\s") && !matches(out, "^mpathc\\s"));
        }
    }

    @Test
    public void noConsoleDaemonExitsCleanlyOnSigterm() throws Exception {
        assertRunsWithoutConsoleAndStopsCleanlyOnSigterm(List.of("--no-console"));
    }

    /** The command line the shipped systemd unit runs, so unit and script cannot drift apart. */
    @Test
    public void systemdUnitCommandLineRunsWithoutConsoleAndStopsCleanly() throws Exception {
        Path unit = home.resolve("packaging/systemd/mpathbus.service");
        String execStart = Files.readAllLines(unit).stream().filter(line -> line.startsWith("ExecStart="))
                .findFirst().orElseThrow(() -> new AssertionError("no ExecStart= in " + unit)).substring(10).strip();
        List<String> words = List.of(execStart.split("\\s+"));
        assertTrue(unit + " runs bin/mpathbusd: " + execStart, words.get(0).endsWith("/bin/mpathbusd"));
        assertRunsWithoutConsoleAndStopsCleanlyOnSigterm(words.subList(1, words.size()));
    }

    private void assertRunsWithoutConsoleAndStopsCleanlyOnSigterm(List<String> options) throws Exception {
        List<String> command = mpathbusd("--source=simulator");
        command.addAll(options);
        try (DaemonProcess daemon = DaemonProcess.start(home, command)) {
            daemon.awaitOutput("the engine to take the simulator",
                    out -> out.contains("using MultipathSource 'simulator'"));
            List<ProcessHandle> jvm = daemon.children();
            assertFalse("the script runs the JVM as its child", jvm.isEmpty());
            assertFalse("no console with " + options + ":\n" + daemon.output(), daemon.output().contains("Welcome"));

            long signalled = System.nanoTime();
            daemon.terminate();
            int status = daemon.awaitExit(Duration.ofSeconds(20));
            System.out.printf("bin/mpathbusd %s: SIGTERM to exit %d ms%n", String.join(" ", options),
                    (System.nanoTime() - signalled) / 1_000_000);
            assertEquals("exit status after SIGTERM; output:\n" + daemon.tail(), 0, status);
            Await.until("the JVM gone too", () -> jvm.stream().noneMatch(ProcessHandle::isAlive));
        }
    }

    /** --bus-address reaches the exporter: the daemon answers on a private bus started by the test. */
    @Test
    public void busAddressOptionExportsOnThatBus() throws Exception {
        String dbusSend = HostCommands.require("dbus-send", "dbus-bin");
        // The last --bus-address counts.
        try (PrivateBus bus = PrivateBus.start(MpathbusTestSupport.emptyDirectory("bus"));
                DaemonProcess daemon = DaemonProcess.start(home,
                        mpathbusd("--no-console", "--source=simulator", "--bus-address=" + bus.address()))) {
            String address = bus.address();
            String[] reply = {""};
            Await.until("org.mpathbus.Multipath1 on the private bus to look up sda", Await.DEFAULT, () -> {
                reply[0] = HostCommands.run(dbusSend, "--bus=" + address, "--print-reply", "--reply-timeout=2000",
                        "--dest=org.mpathbus.Multipath1",
                        "/org/mpathbus/Multipath1", "org.mpathbus.Multipath1.Manager.Lookup", "string:sda");
                return reply[0].contains("object path \"/org/mpathbus/Multipath1/paths/sda\"");
            }, () -> reply[0] + "\ndaemon output:\n" + daemon.tail());
        }
    }

    @Test
    public void worldWritableDeployIsRefusedWithTheReason() throws Exception {
        Path deploy = MpathbusTestSupport.emptyDirectory("open-deploy");
        Files.setPosixFilePermissions(deploy, PosixFilePermissions.fromString("rwxrwxrwx"));
        assertRefused(deploy, "--deploy=" + deploy, "chmod go-w " + deploy);
    }

    @Test
    public void groupWritableConfigurationFileIsRefused() throws Exception {
        Path etc = MpathbusTestSupport.emptyDirectory("open-etc");
        Path cfg = Files.writeString(etc.resolve("org.mpathbus.simulator.cfg"), "maps = 1\n");
        Files.setPosixFilePermissions(cfg, PosixFilePermissions.fromString("rw-rw-r--"));
        assertRefused(cfg, "--etc=" + etc, "chmod go-w " + cfg);
    }

    @Test
    public void deployOwnedByAnotherUserIsRefusedWhenRunningAsRoot() throws Exception {
        // The daemon checks owners only when it runs as root; CI runs as root, as the kernel lab needs.
        assertEquals("this test needs root (run the suite as root, as .ci/run does)", "root",
                System.getProperty("user.name"));
        Path deploy = MpathbusTestSupport.emptyDirectory("foreign-deploy");
        UserPrincipal nobody = deploy.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(deploy, nobody);
        assertRefused(deploy, "--deploy=" + deploy, "chown root:root " + deploy);
    }

    private void assertRefused(Path unsafe, String option, String fix) throws Exception {
        try (DaemonProcess daemon = DaemonProcess.start(home,
                mpathbusd("--no-console", option))) {
            int status = daemon.awaitExit(EXIT);
            String output = daemon.output();
            assertNotEquals("exit status; output:\n" + output, 0, status);
            assertTrue("names the path and the refusal:\n" + output,
                    output.contains("refusing to start: " + unsafe + " "));
            assertTrue("says how to fix it:\n" + output, output.contains("Fix: " + fix));
            assertFalse("no framework started:\n" + output, output.contains("MultipathSource"));
        }
    }

    /** Whatever the umask: files the daemon loads must be writable by their owner alone. */
    static Path ownerWritableOnly(Path file) throws IOException {
        return Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }

    private static boolean matches(String output, String regex) {
        return Pattern.compile("(?m)" + regex).matcher(output).find();
    }
}
