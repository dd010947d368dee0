package org.mpathbus.exporter.prometheus.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.Test;
import org.mpathbus.api.CheckerState;
import org.mpathbus.api.DeviceIdentity;
import org.mpathbus.api.DeviceNumber;
import org.mpathbus.api.DeviceState;
import org.mpathbus.api.DmGroupState;
import org.mpathbus.api.DmPathState;
import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.Path;
import org.mpathbus.api.PathGroup;
import org.mpathbus.api.Topology;
import org.mpathbus.api.statistics.TransitionStatistics;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * What a scrape costs at 2,500 maps x 4 paths, split into rendering the snapshot into metric families (all,
 * and only those of counters and checks, as a scrape of an unchanged snapshot does) and writing the text
 * format; prints the figures. Run with -Dtest=ScrapeBenchmark.
 */
public class ScrapeBenchmark {

    private static final int MAPS = 2_500;
    private static final int ROUNDS = 60;

    @Test
    public void scrapeOfTenThousandPaths() throws IOException {
        Topology topology = topology();
        TransitionStatistics counters = FixedTransitions.NONE;
        long[] render = new long[ROUNDS];
        long[] activity = new long[ROUNDS];
        long[] write = new long[ROUNDS];
        int bytes = 0;
        for (int round = 0; round < ROUNDS; round++) {
            long started = System.nanoTime();
            MetricSnapshots snapshots = TopologyMetrics.of(topology, counters, Optional.empty());
            long rendered = System.nanoTime();
            TopologyMetrics.activityFamilies(topology, counters, Optional.empty());
            activity[round] = System.nanoTime() - rendered;
            rendered = System.nanoTime();
            ByteArrayOutputStream out = new ByteArrayOutputStream(16 << 20);
            PrometheusTextFormatWriter.create().write(out, snapshots);
            write[round] = System.nanoTime() - rendered;
            render[round] = rendered - started;
            bytes = out.size();
        }
        System.out.printf("scrape of %d paths: render all median %.1f ms p99 %.1f ms, render counters and checks"
                + " only (states kept from the same snapshot) median %.1f ms p99 %.1f ms, text median %.1f ms p99"
                + " %.1f ms, %d bytes (last %d of %d rounds)%n", topology.paths().size(), median(render), p99(render),
                median(activity), p99(activity), median(write), p99(write), bytes, ROUNDS - 10, ROUNDS);
    }

    private static double median(long[] all) {
        return sortedTail(all)[sortedTail(all).length / 2] / 1e6;
    }

    private static double p99(long[] all) {
        long[] sorted = sortedTail(all);
        return sorted[(int) Math.ceil(0.99 * sorted.length) - 1] / 1e6;
    }

    /** The rounds after the first ten (warm-up), sorted. */
    private static long[] sortedTail(long[] all) {
        long[] tail = java.util.Arrays.copyOfRange(all, 10, all.length);
        java.util.Arrays.sort(tail);
        return tail;
    }

    private static Topology topology() {
        List<MultipathMap> maps = new ArrayList<>();
        int disk = 0;
        for (int m = 0; m < MAPS; m++) {
            String wwid = String.format("36001405%024x", m);
            List<PathGroup> groups = new ArrayList<>();
            for (int g = 1; g <= 2; g++) {
                List<Path> paths = new ArrayList<>();
                for (int p = 0; p < 2; p++, disk++) {
                    paths.add(Path.builder("sd" + disk, new DeviceNumber(8 + disk / 16, disk % 16)).wwid(wwid)
                            .map(wwid, g).dmState(DmPathState.ACTIVE).checker("tur").checkerState(CheckerState.UP)
                            .deviceState(DeviceState.RUNNING).priority(g == 1 ? 50 : 10).build());
                }
                groups.add(PathGroup.of(g, g == 1 ? 50 : 10, "service-time 0",
                        g == 1 ? DmGroupState.ACTIVE : DmGroupState.ENABLED, paths));
            }
            maps.add(MultipathMap.builder(wwid, "mpath" + m, new DeviceNumber(253, m)).kernelName("dm-" + m)
                    .sizeBytes(10L << 30).identity(new DeviceIdentity("LIO-ORG", "disk", "4.0"))
                    .features(List.of("queue_if_no_path")).groups(groups).build());
        }
        return Topology.of(1, Instant.now(), "simulator", maps, List.of(), List.of("tur"));
    }
}
