package org.mpathbus.lab;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.BeforeClass;
import org.junit.Test;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * The tur and directio checkers in the daemon on real scsi_debug paths (src/test/guest/checkers.sh),
 * judged against the fault the guest injected and against multipathd's chk_st in the same guest.
 */
public class CheckerLabIT {

    /** checkers.sh's POLL: the daemon's polling_interval, with no back-off. */
    private static final double POLLING_INTERVAL = 2;
    /** checkers.sh's TIMEOUT_WINDOW and EVERY_NTH. */
    private static final double TIMEOUT_WINDOW = 20;
    private static final int EVERY_NTH = 20;

    private static LabRun lab;

    @BeforeClass
    public static void boot() {
        lab = CheckerLab.run();
    }

    @Test
    public void theCheckerScriptRanEveryStepWithoutAFailedWait() {
        assertEquals("", lab.errorsText());
    }

    @Test
    public void turHealthyPathsAreUpAsMultipathdSees() {
        healthyPathsAreUpAsMultipathdSees("tur");
    }

    @Test
    public void directioHealthyPathsAreUpAsMultipathdSees() {
        healthyPathsAreUpAsMultipathdSees("directio");
    }

    @Test
    public void turOfflinePathIsDownWithinOnePollAndUpAgainAfterRestore() {
        offlinePathIsDownWithinOnePollAndUpAgainAfterRestore("tur");
    }

    @Test
    public void directioOfflinePathIsDownWithinOnePollAndUpAgainAfterRestore() {
        offlinePathIsDownWithinOnePollAndUpAgainAfterRestore("directio");
    }

    @Test
    public void turTimedOutCommandsGiveTimeoutWhileOtherPathsKeepTheirCadence() {
        timedOutCommandsGiveTimeoutWhileOtherPathsKeepTheirCadence("tur");
    }

    @Test
    public void directioTimedOutReadsGiveTimeoutWhileOtherPathsKeepTheirCadence() {
        timedOutCommandsGiveTimeoutWhileOtherPathsKeepTheirCadence("directio");
    }

    @Test
    public void aDeletedDeviceIsRemoved() {
        String[] deleted = lab.text("removed/deleted-path.txt").split(" ");
        double deletedAt = Double.parseDouble(lab.text("removed/delete-time.txt").strip());
        JsonObject event = checkerEvent(lab.json("removed/events.json"), deleted[0], "removed", deletedAt)
                .orElseThrow(() -> new AssertionError("no '-> removed' event for deleted " + deleted[0]));
        System.out.printf("[lab] deleted %s (%s): removed %.1f s later: %s%n", deleted[0], deleted[1],
                KernelLabIT.epochSeconds(event) - deletedAt, event.get("detail").getAsString());
    }

    @Test
    public void turBenchmarkAgainstSgTurs() {
        Map<String, String> status = new HashMap<>();
        for (String line : lab.lines("bench/daemon-status.txt")) {
            String[] words = line.split(":\\s*", 2);
            if (words.length == 2) {
                status.put(words[0], words[1].strip());
            }
        }
        double sgTursOne = median(numbers(lab.text("bench/sg_turs-one.txt"), "; (\\d+) operations/sec"));
        Matcher sg64 = Pattern.compile("commands=(\\d+) seconds=([0-9.]+)").matcher(lab.text("bench/sg_turs-64.txt"));
        assertTrue(sg64.find());
        double sgTurs64 = Double.parseDouble(sg64.group(1)) / Double.parseDouble(sg64.group(2));
        double turOne = measured(lab.text("bench/tur-one.txt"));
        double tur64 = measured(lab.text("bench/tur-64.txt"));
        System.out.printf("[lab] daemon checking 64 paths with tur every %.0f s: threads %s, resident %s (peak %s)%n",
                POLLING_INTERVAL, status.get("Threads"), status.get("VmRSS"), status.get("VmHWM"));
        System.out.printf("[lab] TEST UNIT READY on one core, scsi_debug delay=0, under emulation: one path: "
                + "tur checker %.0f/s, sg_turs %.0f/s (ratio %.2f); 64 paths in turn: tur checker %.0f/s, "
                + "sg_turs (one process per path, 300 each) %.0f/s (ratio %.2f)%n",
                turOne, sgTursOne, turOne / sgTursOne, tur64, sgTurs64, tur64 / sgTurs64);
        assertFalse("thread count measured", status.getOrDefault("Threads", "").isEmpty());
    }

    private static void healthyPathsAreUpAsMultipathdSees(String checker) {
        List<JsonObject> paths = paths(lab.json(checker + "/healthy.json"));
        assertEquals(4, paths.size());
        for (JsonObject path : paths) {
            assertEquals(path.get("dev").getAsString(), checker, path.get("checker").getAsString());
            assertEquals(path.get("dev").getAsString() + ": " + path.get("chk_msg").getAsString(), "ready",
                    path.get("chk_st").getAsString());
        }
        assertEquals("multipathd's view of the healthy paths", Map.of(), disagreements(
                lab.json(checker + "/healthy.json"), lab.lines(checker + "/multipathd-healthy.txt")));
    }

    /**
     * Down within a polling interval (and a second of slack) of the offline; up within a polling interval
     * and a second of the restore: the devmapper source re-reads device states every second.
     */
    private static void offlinePathIsDownWithinOnePollAndUpAgainAfterRestore(String checker) {
        String dev = lab.text(checker + "/offline-path.txt").strip();
        double offlineAt = Double.parseDouble(lab.text(checker + "/offline-time.txt").strip());
        double restoredAt = Double.parseDouble(lab.text(checker + "/restore-time.txt").strip());
        JsonObject events = lab.json(checker + "/timeout-events.json");
        JsonObject down = checkerEvent(events, dev, "down", offlineAt)
                .orElseThrow(() -> new AssertionError(checker + ": no '-> down' event for offline " + dev));
        JsonObject up = checkerEvent(events, dev, "up", restoredAt)
                .orElseThrow(() -> new AssertionError(checker + ": no '-> up' event for restored " + dev));
        double toDown = KernelLabIT.epochSeconds(down) - offlineAt;
        double toUp = KernelLabIT.epochSeconds(up) - restoredAt;
        System.out.printf("[lab] %s: %s offline -> down in %.2f s (%s); running -> up in %.2f s%n", checker, dev,
                toDown, down.get("detail").getAsString(), toUp);
        assertTrue(checker + ": down " + toDown + " s after offline", toDown <= POLLING_INTERVAL + 1);
        assertTrue(checker + ": up " + toUp + " s after restore", toUp > 0 && toUp <= POLLING_INTERVAL + 1);
        assertEquals("multipathd's view with " + dev + " offline", Map.of(), disagreements(
                lab.json(checker + "/daemon-offline.json"), lab.lines(checker + "/multipathd-offline.txt")));
        assertEquals("multipathd's view with " + dev + " restored", Map.of(), disagreements(
                lab.json(checker + "/daemon-restored.json"), lab.lines(checker + "/multipathd-restored.txt")));
    }

    private static void timedOutCommandsGiveTimeoutWhileOtherPathsKeepTheirCadence(String checker) {
        double start = Double.parseDouble(lab.text(checker + "/timeouts-start.txt").strip());
        double end = Double.parseDouble(lab.text(checker + "/timeouts-end.txt").strip());
        List<String> timedOut = new ArrayList<>();
        for (JsonElement e : lab.json(checker + "/timeout-events.json").getAsJsonArray("events")) {
            JsonObject event = e.getAsJsonObject();
            double time = KernelLabIT.epochSeconds(event);
            if (event.get("kind").getAsString().equals("path-checker-state") && time >= start && time <= end
                    && event.get("detail").getAsString().contains("-> timeout")
                    && !timedOut.contains(event.get("path").getAsString())) {
                timedOut.add(event.get("path").getAsString());
            }
        }
        Map<String, Long> before = ioCounts(checker + "/io-before.txt");
        Map<String, Long> after = ioCounts(checker + "/io-after.txt");
        Map<String, Long> sent = new TreeMap<>();
        before.forEach((dev, count) -> sent.put(dev, after.get(dev) - count));
        System.out.printf("[lab] %s: every %dth SCSI command ignored for %.0f s: paths reading timeout %s; "
                + "SCSI commands per path in the window %s%n", checker, EVERY_NTH, TIMEOUT_WINDOW, timedOut, sent);
        assertFalse(checker + ": no path read timeout while scsi_debug ignored commands", timedOut.isEmpty());
        assertTrue(checker + ": every path read timeout, so none shows whether the others kept their cadence",
                timedOut.size() < sent.size());
        long expected = (long) (TIMEOUT_WINDOW / POLLING_INTERVAL) - 2;
        sent.forEach((dev, count) -> {
            if (!timedOut.contains(dev)) {
                assertTrue(checker + ": " + dev + " got " + count + " commands in " + TIMEOUT_WINDOW
                        + " s while another path hung; its cadence gives at least " + expected, count >= expected);
            }
        });
    }

    /** The first checker-state event of the path into the state after the given time. */
    private static Optional<JsonObject> checkerEvent(JsonObject events, String dev, String state, double after) {
        for (JsonElement e : events.getAsJsonArray("events")) {
            JsonObject event = e.getAsJsonObject();
            if (event.get("kind").getAsString().equals("path-checker-state") && event.get("path").getAsString().equals(dev)
                    && event.get("detail").getAsString().contains("-> " + state)
                    && KernelLabIT.epochSeconds(event) >= after) {
                return Optional.of(event);
            }
        }
        return Optional.empty();
    }

    /** Paths whose chk_st differs between the daemon and multipathd ("%d %T" lines): dev to both states. */
    private static Map<String, String> disagreements(JsonObject daemon, List<String> multipathd) {
        Map<String, String> theirs = new HashMap<>();
        for (String line : multipathd) {
            String[] words = line.strip().split("\\s+", 2);
            if (words.length == 2) {
                theirs.put(words[0], words[1].strip());
            }
        }
        Map<String, String> differing = new TreeMap<>();
        for (JsonObject path : paths(daemon)) {
            String dev = path.get("dev").getAsString();
            String ours = path.get("chk_st").getAsString();
            if (!ours.equals(theirs.get(dev))) {
                differing.put(dev, "daemon " + ours + " (" + path.get("chk_msg").getAsString() + "), multipathd "
                        + theirs.get(dev));
            }
        }
        return differing;
    }

    private static List<JsonObject> paths(JsonObject doc) {
        List<JsonObject> paths = new ArrayList<>();
        doc.getAsJsonArray("paths").forEach(p -> paths.add(p.getAsJsonObject()));
        return paths;
    }

    private static Map<String, Long> ioCounts(String file) {
        Map<String, Long> counts = new TreeMap<>();
        for (String line : lab.lines(file)) {
            String[] words = line.split(" ");
            counts.put(words[0], Long.parseLong(words[1]));
        }
        return counts;
    }

    private static double measured(String benchmark) {
        List<Double> rates = numbers(benchmark, "round=measured .*checks_per_second=(\\d+)");
        assertEquals(benchmark, 1, rates.size());
        return rates.get(0);
    }

    private static List<Double> numbers(String text, String regex) {
        List<Double> numbers = new ArrayList<>();
        Matcher matcher = Pattern.compile(regex).matcher(text);
        while (matcher.find()) {
            numbers.add(Double.parseDouble(matcher.group(1)));
        }
        return numbers;
    }

    private static double median(List<Double> values) {
        assertFalse("no figures", values.isEmpty());
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(sorted.size() / 2);
    }
}
