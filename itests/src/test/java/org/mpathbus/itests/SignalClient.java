package org.mpathbus.itests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.mpathbus.testing.Await;

/**
 * A D-Bus client subscribed to the daemon's signals as any client is (gdbus monitor adds a match rule for the
 * name; it is no bus monitor, so the bus applies its usual limits to it), keeping every PathFailed and
 * PathReinstated it received with the time it came.
 */
final class SignalClient implements AutoCloseable {

    private static final Pattern TRANSITION = Pattern.compile(
            "\\.Map\\.(PathFailed|PathReinstated) \\(objectpath '[^']*/paths/([^']+)', uint32 (\\d+), uint64 (\\d+)\\)");

    /** One transition signal as the client received it. */
    record Transition(String member, String path, int validPaths, long seqnum, long receivedNanos) {
    }

    private final Process process;
    private final List<Transition> transitions = new CopyOnWriteArrayList<>();
    private volatile boolean subscribed;

    private SignalClient(Process process) {
        this.process = process;
        Thread reader = new Thread(this::read, "gdbus-monitor");
        reader.setDaemon(true);
        reader.start();
    }

    /** Subscribes to {@code name}'s signals on {@code address}; returns once gdbus has seen the name's owner. */
    static SignalClient subscribe(String address, String name) throws IOException {
        String gdbus = HostCommands.require("gdbus", "libglib2.0-bin");
        // gdbus prints through stdio, which a pipe would buffer in 4 KB blocks: the last signals would wait
        SignalClient client = new SignalClient(new ProcessBuilder(HostCommands.require("stdbuf", "coreutils"), "-oL",
                gdbus, "monitor", "--address", address, "--dest", name)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start());
        Await.until("gdbus monitor to see the owner of " + name, () -> client.subscribed || !client.process.isAlive());
        if (!client.process.isAlive()) {
            throw new AssertionError("gdbus monitor ended at once");
        }
        return client;
    }

    private void read() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                long now = System.nanoTime();
                if (line.contains(" is owned by ")) {
                    subscribed = true;
                }
                Matcher transition = TRANSITION.matcher(line);
                if (transition.find()) {
                    transitions.add(new Transition(transition.group(1), transition.group(2),
                            Integer.parseInt(transition.group(3)), Long.parseLong(transition.group(4)), now));
                }
            }
        } catch (IOException e) {
            // The client was closed
        }
    }

    /** The transitions of {@code member} received so far, in the order they came. */
    List<Transition> received(String member) {
        return transitions.stream().filter(t -> t.member().equals(member)).toList();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
