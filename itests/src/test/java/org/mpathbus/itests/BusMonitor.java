package org.mpathbus.itests;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.mpathbus.testing.Await;

/**
 * busctl monitor of the daemon's name: every message to and from it, one JSON line each, in the order the bus
 * passed them on.
 */
final class BusMonitor implements AutoCloseable {

    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    private BusMonitor(Process process) {
        this.process = process;
        Thread reader = new Thread(this::read, "busctl-monitor");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts the monitor and returns once it sees the daemon's messages. */
    static BusMonitor start(ControlDaemon daemon) throws IOException {
        BusMonitor monitor = new BusMonitor(new ProcessBuilder("busctl", "--address=" + daemon.address(),
                "--json=short", "monitor", ControlDaemon.NAME).redirectError(ProcessBuilder.Redirect.DISCARD).start());
        Await.until("the monitor to see a call of the daemon", () -> {
            daemon.busctl("get-property", ControlDaemon.NAME, ControlDaemon.ROOT, ControlDaemon.NAME + ".Manager",
                    "Version");
            return monitor.lines.stream().anyMatch(line -> line.contains("\"Version\""));
        });
        return monitor;
    }

    private void read() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            lines.add("{\"monitor-failed\":\"" + e + "\"}");
        }
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    /** The number of lines seen so far: a mark to look after. */
    int mark() {
        return lines.size();
    }

    /** The lines after {@code mark} that match. */
    List<String> since(int mark, Predicate<String> match) {
        List<String> all = lines();
        return all.subList(Math.min(mark, all.size()), all.size()).stream().filter(match).toList();
    }

    static Predicate<String> signal(String member, String text) {
        return line -> line.startsWith("{\"type\":\"signal\"") && line.contains("\"member\":\"" + member + "\"")
                && line.contains(text);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
