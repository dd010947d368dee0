package org.mpathbus.itests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.mpathbus.testing.Await;

/**
 * bin/mpathbusd run as a process: standard input is a pipe the test writes commands to, standard output
 * and error are collected together.
 */
final class DaemonProcess implements AutoCloseable {

    /** How often a probe command is repeated while waiting for what it shows. */
    private static final Duration PROBE_INTERVAL = Duration.ofMillis(500);

    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final Thread reader;
    private final OutputStream input;
    private int probesSent;

    private DaemonProcess(Process process) {
        this.process = process;
        this.input = process.getOutputStream();
        this.reader = new Thread(this::collect, "mpathbusd-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code command} (bin/mpathbusd and its options, or a shell line) in the distribution. */
    static DaemonProcess start(Path home, List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile()).redirectErrorStream(true);
        builder.environment().remove("JAVA_OPTS");
        return new DaemonProcess(builder.start());
    }

    static List<String> mpathbusd(Path home, String... options) {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin/mpathbusd").toString());
        command.addAll(List.of(options));
        return command;
    }

    private void collect() {
        byte[] buffer = new byte[8192];
        try (InputStream stream = process.getInputStream()) {
            int read;
            while ((read = stream.read(buffer)) > 0) {
                output.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            output.append("\n[reading the daemon's output failed: ").append(e).append("]\n");
        }
    }

    String output() {
        return output.toString();
    }

    /** Types a command line into the console. */
    void send(String commandLine) throws IOException {
        input.write((commandLine + "\n").getBytes(StandardCharsets.UTF_8));
        input.flush();
    }

    /** Ends standard input: the console stops the daemon. */
    void closeInput() throws IOException {
        input.close();
    }

    void awaitOutput(String what, Predicate<String> condition) {
        Await.until(what, Await.DEFAULT, () -> condition.test(output()), this::tail);
    }

    /**
     * Sends {@code probe} again and again, each time between two echoed markers, until the output of the
     * latest complete probe satisfies {@code condition}; returns that output.
     */
    String awaitProbe(String what, String probe, Predicate<String> condition) throws IOException {
        String[] satisfied = {null};
        long[] lastSent = {0};
        try {
            Await.until(what, Await.DEFAULT, () -> {
                String latest = latestProbeOutput();
                if (latest != null && condition.test(latest)) {
                    satisfied[0] = latest;
                    return true;
                }
                if (System.nanoTime() - lastSent[0] > PROBE_INTERVAL.toNanos()) {
                    lastSent[0] = System.nanoTime();
                    probesSent++;
                    sendUnchecked("echo '" + marker(probesSent, "begin") + "'");
                    sendUnchecked(probe);
                    sendUnchecked("echo '" + marker(probesSent, "end") + "'");
                }
                return false;
            }, this::tail);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return satisfied[0];
    }

    /** What the newest probe that has finished printed, null when none has yet. */
    private String latestProbeOutput() {
        String all = output();
        for (int probe = probesSent; probe > 0; probe--) {
            int end = all.lastIndexOf(marker(probe, "end"));
            int begin = all.lastIndexOf(marker(probe, "begin"));
            if (end > begin && begin >= 0) {
                return all.substring(begin + marker(probe, "begin").length(), end);
            }
        }
        return null;
    }

    private static String marker(int probe, String edge) {
        return "<<probe-" + probe + "-" + edge + ">>";
    }

    private void sendUnchecked(String commandLine) {
        try {
            send(commandLine);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether the daemon still runs (the script execs the JVM). */
    boolean alive() {
        return process.isAlive();
    }

    /** Sends SIGTERM to the script. */
    void terminate() {
        process.destroy();
    }

    /** Processes started by the script (the JVM), alive now. */
    List<ProcessHandle> children() {
        return process.toHandle().descendants().toList();
    }

    /** Waits for the exit and its status; fails with the output when it does not come in time. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("mpathbusd did not exit within " + timeout.toSeconds() + " s; output:\n" + tail());
        }
        try {
            reader.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return process.exitValue();
    }

    /** The end of the output, enough to explain a failure. */
    String tail() {
        String all = output();
        return all.length() <= 4000 ? all : "..." + all.substring(all.length() - 4000);
    }

    @Override
    public void close() {
        process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
