package org.mpathbus.lab;

import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.BeforeClass;
import org.junit.Test;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

/**
 * Figures from the lab run: boot to verdict, reading 64 paths, dm event to engine event latency. They
 * are printed, never judged against a bound: emulation speed varies from machine to machine. Each test checks
 * that its figure was measured and is consistent (milestones in order, one engine event per dm message).
 */
public class LabBenchmarksIT {

    private static LabRun lab;

    @BeforeClass
    public static void boot() {
        lab = KernelLab.run();
    }

    @Test
    public void bootToVerdict() {
        System.out.printf("[lab] boot: kernel start to suite start %.1f s; SAN with multipathd ready at %.1f s; "
                + "daemon ready at %.1f s; first verdict (scenario a) at %.1f s; scenarios done at %.1f s; "
                + "whole guest run %.1f s (guest uptime); host wall time with qemu %.1f s%n",
                lab.uptimeAt("boot"), lab.uptimeAt("san-ready"), lab.uptimeAt("daemon-ready"),
                lab.uptimeAt("scenario-agree"), lab.uptimeAt("scenario-new-lun"), lab.uptimeAt("done"),
                lab.hostSeconds());
        // Each milestone comes after the one before it
        String[] order = {"boot", "san-ready", "daemon-ready", "scenario-agree", "scenario-new-lun", "done"};
        for (int i = 1; i < order.length; i++) {
            assertTrue(order[i - 1] + " before " + order[i], lab.uptimeAt(order[i - 1]) <= lab.uptimeAt(order[i]));
        }
    }

    @Test
    public void readAllMapsOf64Paths() {
        String figures = lab.text("bench/read-all-maps.txt").strip();
        System.out.println("[lab] devmapper source reading every map under emulation: " + figures);
        System.out.printf("[lab] scanning 58 more scsi_debug disks and making 16 maps with dmsetup: %.1f s; "
                + "the daemon showing all 64 paths: %.1f s after the last map was made%n", lab.uptimeAt("bench-san-ready") - lab.uptimeAt("bench-san-start"),
                lab.uptimeAt("bench-daemon-followed") - lab.uptimeAt("bench-san-ready"));
        assertTrue(figures, figures.contains("paths=64"));
    }

    @Test
    public void dmEventToEngineEventLatency() {
        String dev = lab.text("bench/latency-path.txt").split(" ")[0];
        List<String[]> cycles = new ArrayList<>();
        for (String line : lab.lines("bench/latency-cycles.txt")) {
            cycles.add(line.split(" "));
        }
        long before = 0;
        for (JsonElement e : lab.json("bench/latency-before.json").getAsJsonArray("events")) {
            before = Math.max(before, e.getAsJsonObject().get("sequence").getAsLong());
        }
        List<JsonObject> events = new ArrayList<>();
        for (JsonElement e : lab.json("bench/latency-events.json").getAsJsonArray("events")) {
            JsonObject event = e.getAsJsonObject();
            String kind = event.get("kind").getAsString();
            if (event.get("sequence").getAsLong() > before && event.get("path").getAsString().equals(dev)
                    && (kind.equals("path-failed") || kind.equals("path-reinstated"))) {
                events.add(event);
            }
        }
        assertTrue("one engine event per dm message: " + events.size() + " events for " + cycles.size() + " messages",
                events.size() == cycles.size());
        List<String> dmEvents = lab.lines("bench/dm-events.txt");
        List<Double> afterDmEvent = new ArrayList<>();
        List<Double> afterMessage = new ArrayList<>();
        for (int i = 0; i < cycles.size(); i++) {
            double sent = Double.parseDouble(cycles.get(i)[2]);
            double engineEvent = KernelLabIT.epochSeconds(events.get(i));
            afterDmEvent.add((engineEvent - KernelLabIT.firstDmEventAfter(dmEvents, sent)) * 1000);
            afterMessage.add((engineEvent - sent) * 1000);
        }
        System.out.printf("[lab] dm event to engine event over %d fail/reinstate dm messages on %s: median %.0f ms, "
                + "p99 %.0f ms, min %.0f ms, max %.0f ms (from the start of `dmsetup message`: median %.0f ms)%n",
                cycles.size(), dev, percentile(afterDmEvent, 50), percentile(afterDmEvent, 99),
                percentile(afterDmEvent, 0), percentile(afterDmEvent, 100), percentile(afterMessage, 50));
    }

    private static double percentile(List<Double> values, int percent) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
