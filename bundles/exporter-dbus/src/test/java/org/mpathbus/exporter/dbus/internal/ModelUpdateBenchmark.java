package org.mpathbus.exporter.dbus.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.Test;

/**
 * Prints what one model update costs the writer thread at 2,500 maps x 4 paths; never fails on timing. A class of
 * its own, because the old per-update garbage grew the heap and so changed DbusExportBenchmark's figures when
 * both ran in one JVM. Run it with: mvn -o test -pl bundles/exporter-dbus -Dtest=ModelUpdateBenchmark
 */
public class ModelUpdateBenchmark {

    private static final int MAPS = 2_500;
    private static final int PATHS_PER_MAP = 4;
    private static final int UPDATES = 600;

    /** What one update costs the writer thread: building the next model and diffing it (no bus involved). */
    @Test
    public void printModelUpdateCost() {
        FakeEngine engine = new FakeEngine(MAPS, PATHS_PER_MAP);
        ExportModel model = ModelBuilder.build(engine.topology(), null, "0.1.0", null);
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        long threadId = Thread.currentThread().getId();
        List<Double> micros = new ArrayList<>();
        List<Double> kilobytes = new ArrayList<>();
        for (int i = 0; i < 2 * UPDATES; i++) {
            // Every update fails a path or restores the one failed before: a map and a path change
            String path = engine.pathName((i / 2 * 7) % MAPS, (i / 2) % PATHS_PER_MAP);
            if (i % 2 == 0) {
                engine.fail(path);
            } else {
                engine.restore(path);
            }
            long bytes = threads.getThreadAllocatedBytes(threadId);
            long t = System.nanoTime();
            ExportModel next = ModelBuilder.build(engine.topology(), null, "0.1.0", model);
            ModelDiff.between(model, next);
            long elapsed = System.nanoTime() - t;
            long allocated = threads.getThreadAllocatedBytes(threadId) - bytes;
            model = next;
            if (i >= UPDATES) { // the first half warms the JIT up
                micros.add(elapsed / 1e3);
                kilobytes.add(allocated / 1024.0);
            }
        }
        System.out.printf("%nD-Bus exporter model update (%d maps x %d paths, one path failed or restored; build and diff):"
                + " median %.0f us, p99 %.0f us; allocates median %.1f KiB (%d updates)%n", MAPS, PATHS_PER_MAP,
                median(micros), percentile(micros, 99), median(kilobytes), micros.size());
    }

    private static double median(List<Double> values) {
        return percentile(values, 50);
    }

    private static double percentile(List<Double> values, int percent) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
