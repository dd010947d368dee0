package org.mpathbus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.Before;
import org.junit.Test;
import org.mpathbus.testing.Await;

/**
 * Long scripts on bin/mpathbusd's console, with its shipped JVM options and the simulator at 2,500 maps x 4
 * paths: 10,000 lines through {@code source} and the same piped into standard input. Gogo's own console
 * kept every line's job and ended the daemon with OutOfMemoryError after a few thousand.
 */
public class ConsoleScriptIT {

    private static final int LINES = 10_000;
    private static final Duration LONG = Duration.ofMinutes(5);
    private static final String NO_BUS = "unix:path=/nonexistent/mpathbus-itests-bus";
    private static final Pattern LINE = Pattern.compile("(?m)^(?:g! )*script-line-(\\d+)$");

    private Path home;
    private Path state;
    private Path etc;

    @Before
    public void distribution() throws IOException {
        home = MpathbusTestSupport.distribution();
        state = MpathbusTestSupport.emptyDirectory("console-state");
        etc = MpathbusTestSupport.emptyDirectory("console-etc");
        try (Stream<Path> defaults = Files.list(home.resolve("etc"))) {
            for (Path cfg : defaults.toList()) {
                ownerWritableOnly(Files.copy(cfg, etc.resolve(cfg.getFileName())));
            }
        }
        ownerWritableOnly(Files.writeString(etc.resolve("org.mpathbus.simulator.cfg"),
                "maps = 2500\npaths_per_map = 4\nhosts = 2\n"));
    }

    @Test
    public void sourcedScriptOfTenThousandLinesRunsEveryLineAndTheDaemonLives() throws Exception {
        Path script = MpathbusTestSupport.emptyDirectory("console-script").resolve("long.gosh");
        Files.write(script, echoLines());
        try (DaemonProcess daemon = start()) {
            long before = awaitFullSan(daemon);
            daemon.send("source " + script);
            daemon.send("echo 'after-source'");
            awaitWhileAlive(daemon, "after-source");
            report("source", before, daemon);
            assertEveryLineSeen(daemon.output());
            daemon.closeInput();
            assertEquals("exit at the end of the input; output:\n" + daemon.tail(), 0, daemon.awaitExit(LONG));
        }
    }

    @Test
    public void tenThousandPipedLinesRunEveryLineAndTheDaemonLives() throws Exception {
        try (DaemonProcess daemon = start()) {
            long before = awaitFullSan(daemon);
            for (String line : echoLines()) {
                daemon.send(line);
            }
            daemon.send("echo 'after-pipe'");
            awaitWhileAlive(daemon, "after-pipe");
            report("piped", before, daemon);
            assertEveryLineSeen(daemon.output());
            daemon.closeInput();
            assertEquals("exit at the end of the input; output:\n" + daemon.tail(), 0, daemon.awaitExit(LONG));
        }
    }

    /** Waits for {@code marker} in the output; fails at once when the daemon's JVM has gone (an OutOfMemoryError). */
    private void awaitWhileAlive(DaemonProcess daemon, String marker) {
        Await.until(marker + " printed by a living daemon", LONG, () -> {
            if (daemon.output().contains(marker)) {
                return true;
            }
            jvm(daemon);
            return false;
        }, daemon::tail);
    }

    private DaemonProcess start() throws IOException {
        List<String> command = DaemonProcess.mpathbusd(home, "--state=" + state, "--bus-address=" + NO_BUS,
                "--source=simulator", "--etc=" + etc);
        return DaemonProcess.start(home, command);
    }

    /** Waits for the SAN at full size and the console answering; returns the JVM's resident memory then. */
    private long awaitFullSan(DaemonProcess daemon) throws IOException {
        daemon.awaitOutput("the simulated SAN of 2,500 maps", out -> out.contains("simulated SAN: 2500 maps x 4 paths"));
        daemon.awaitProbe("the console answering with the 2,500th map", "mpath:show mpathcrd",
                out -> out.contains("mpathcrd"));
        return residentKb(daemon);
    }

    private static List<String> echoLines() {
        List<String> lines = new ArrayList<>(LINES);
        for (int i = 1; i <= LINES; i++) {
            lines.add("echo 'script-line-" + i + "'");
        }
        return lines;
    }

    private static void assertEveryLineSeen(String output) {
        boolean[] seen = new boolean[LINES + 1];
        Matcher matcher = LINE.matcher(output);
        int count = 0;
        while (matcher.find()) {
            int line = Integer.parseInt(matcher.group(1));
            if (line <= LINES && !seen[line]) {
                seen[line] = true;
                count++;
            }
        }
        for (int i = 1; i <= LINES; i++) {
            assertTrue("output of line " + i + " (" + count + " of " + LINES + " seen)", seen[i]);
        }
    }

    private void report(String how, long beforeKb, DaemonProcess daemon) throws IOException {
        System.out.printf("ConsoleScriptIT %s, %,d lines at 2,500 x 4: resident %,d kB before, %,d kB after; %s%n",
                how, LINES, beforeKb, residentKb(daemon), heap(daemon));
    }

    /** The daemon's JVM: bin/mpathbusd execs it, so it is the test's descendant started with this state directory. */
    private ProcessHandle jvm(DaemonProcess daemon) {
        String marker = "-Dmpathbus.state=" + state;
        return ProcessHandle.current().descendants()
                .filter(process -> process.info().arguments().map(List::of).orElse(List.of()).contains(marker))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the daemon's JVM is alive; output:\n" + daemon.tail()));
    }

    private long residentKb(DaemonProcess daemon) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(jvm(daemon).pid()), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new AssertionError("no VmRSS in /proc/<pid>/status");
    }

    /** The heap after jcmd's GC.heap_info, one line; "" when jcmd is not at hand. */
    private String heap(DaemonProcess daemon) {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        if (!Files.isExecutable(jcmd)) {
            return "";
        }
        try {
            Process process = new ProcessBuilder(jcmd.toString(), Long.toString(jvm(daemon).pid()), "GC.heap_info")
                    .redirectErrorStream(true).start();
            String text = new String(process.getInputStream().readAllBytes());
            process.waitFor();
            return "heap: " + text.replaceAll("\\s+", " ").trim();
        } catch (IOException e) {
            return "heap: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static void ownerWritableOnly(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }
}
