package org.mpathbus.control.multipathd.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.mpathbus.api.DeviceNumber;
import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.PathGroup;
import org.mpathbus.api.control.Outcome;

/**
 * The lab's client (lab/src/test/guest/multipathd-control.sh): reads operations from stdin, one a line
 * ("ID OPERATION TIMEOUT_MS ARGS..."), carries each out through MultipathdControl against the guest's real
 * multipathd on its default sockets, and prints "ID OPERATION KIND MILLIS MESSAGE" (newlines in the message
 * as "|"). Its wwids file is args[0]. Not a unit test: run by the guest only.
 */
public final class ControlProbe {

    private ControlProbe() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        MultipathdControl control = new MultipathdControl(new MultipathdClient(Endpoint.file("/run/multipathd.socket"),
                Endpoint.abstractName("/org/kernel/linux/storage/multipathd")), Path.of(args[0]));
        System.out.println("ready endpoint " + new MultipathdClient(Endpoint.file("/run/multipathd.socket"),
                Endpoint.abstractName("/org/kernel/linux/storage/multipathd")).endpoint());
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            String[] w = line.strip().split("\\s+");
            if (w.length < 3) {
                continue;
            }
            Duration timeout = Duration.ofMillis(Long.parseLong(w[2]));
            // "+OPERATION": a thread of this JVM sleeps the timeout beside it, to show how late this guest wakes one
            boolean beside = w[1].startsWith("+");
            w[1] = beside ? w[1].substring(1) : w[1];
            Sleeper sleeper = beside ? Sleeper.start(timeout) : null;
            long start = System.nanoTime();
            Outcome outcome = switch (w[1]) {
                case "fail-path" -> control.failPath(path(w[3]), timeout);
                case "reinstate-path" -> control.reinstatePath(path(w[3]), timeout);
                case "del-path" -> control.removePath(path(w[3]), timeout);
                case "add-path" -> control.addPath(w[3], timeout);
                case "del-map" -> control.flushMap(map(w[3], 1), timeout);
                case "resize-map" -> control.resizeMap(map(w[3], 1), timeout);
                case "switchgroup" -> control.switchGroup(map(w[3], Integer.parseInt(w[4])), Integer.parseInt(w[4]), timeout);
                case "disablequeueing" -> control.setQueueing(map(w[3], 1), false, timeout);
                case "restorequeueing" -> control.setQueueing(map(w[3], 1), true, timeout);
                case "reconfigure" -> control.reconfigure(timeout);
                case "add-wwid" -> control.addWwid(w[3], timeout);
                case "forget-wwid" -> control.forgetWwid(w[3], timeout);
                default -> new Outcome(Outcome.Kind.REFUSED, "unknown operation " + w[1]);
            };
            double millis = (System.nanoTime() - start) / 1e6;
            System.out.printf("%s %s %s %.1f %s%s%n", w[0], w[1], outcome.kind(), millis,
                    outcome.message().replace('\n', '|'), sleeper == null ? ""
                            : " | phases " + phases(timeout)
                                    + " | sleeper-late-ms " + sleeper.lateMillis());
            System.out.flush();
        }
    }

    /**
     * An exchange once more by its phases, to show where the time goes: connect, write, read, close (ms). The
     * command only reads ("show daemon"), since a stopped multipathd carries it out once it runs again.
     */
    private static String phases(Duration timeout) {
        Deadline deadline = Deadline.after(timeout);
        long t0 = System.nanoTime();
        long t1 = t0;
        long t2 = t0;
        long t3 = t0;
        String end = "replied";
        UnixSocket socket = null;
        try {
            socket = UnixSocket.connect(Endpoint.abstractName("/org/kernel/linux/storage/multipathd"), deadline);
            t1 = System.nanoTime();
            socket.writeFully(Frames.request("show daemon"), deadline);
            t2 = System.nanoTime();
            socket.readFully(Frames.LENGTH_BYTES, deadline);
        } catch (IOException e) {
            end = e.getClass().getSimpleName();
        } finally {
            t3 = System.nanoTime();
            if (socket != null) {
                socket.close();
            }
        }
        long t4 = System.nanoTime();
        return String.format("connect %.1f write %.1f read %.1f close %.1f (%s)", (t1 - t0) / 1e6, (t2 - t1) / 1e6,
                (t3 - t2) / 1e6, (t4 - t3) / 1e6, end);
    }

    /** A thread that sleeps a while and tells how late it woke, counted from when it was asked to start. */
    private static final class Sleeper {
        private final Thread thread;
        private volatile double lateMillis;

        private Sleeper(Duration sleep) {
            long start = System.nanoTime();
            thread = new Thread(() -> {
                try {
                    Thread.sleep(sleep.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
                lateMillis = (System.nanoTime() - start) / 1e6 - sleep.toMillis();
            }, "sleeper");
        }

        static Sleeper start(Duration sleep) {
            Sleeper sleeper = new Sleeper(sleep);
            sleeper.thread.start();
            return sleeper;
        }

        String lateMillis() throws InterruptedException {
            thread.join();
            return String.format("%.1f", lateMillis);
        }
    }

    /** The path as the snapshot would hold it: its kernel name and device number from sysfs. */
    private static org.mpathbus.api.Path path(String name) throws IOException {
        Path dev = Path.of("/sys/class/block", name, "dev");
        DeviceNumber number = DeviceNumber.parse(Files.exists(dev) ? Files.readString(dev).strip() : "0:0");
        return org.mpathbus.api.Path.builder(name, number).build();
    }

    /** A map by its name, with {@code groups} path groups (the snapshot's; only their count matters here). */
    private static MultipathMap map(String name, int groups) {
        List<PathGroup> list = new ArrayList<>();
        for (int i = 1; i <= groups; i++) {
            list.add(PathGroup.builder(i).build());
        }
        return MultipathMap.builder(name, name, DeviceNumber.parse("0:0")).groups(list).build();
    }
}
