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

    public static void main(String[] args) throws IOException {
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
            System.out.printf("%s %s %s %.1f %s%n", w[0], w[1], outcome.kind(), millis,
                    outcome.message().replace('\n', '|'));
            System.out.flush();
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
