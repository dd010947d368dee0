package org.mpathbus.core.internal.engine;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.mpathbus.api.CheckerState;
import org.mpathbus.api.DmPathState;
import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.MultipathdState;
import org.mpathbus.api.SourceState;
import org.mpathbus.api.Topology;
import org.mpathbus.core.internal.checks.PathCheck;

/**
 * Prints what one engine update costs at 2,500 maps x 4 paths: a check result that changes one path, and
 * a source push that changes one map (snapshot assembly plus diff, the engine thread's whole work besides
 * handing the result to listeners), in time and in bytes allocated: garbage made on every update is what
 * sets the pace of young collections, whose pauses show as the daemon's fault-to-listener tail. A
 * benchmark, not a test: it prints and never fails.
 *
 * <p>Run: java -cp target/classes:target/test-classes:$API_JAR
 * org.mpathbus.core.internal.engine.TopologyUpdateBenchmark [maps] [rounds]
 */
public final class TopologyUpdateBenchmark {

    public static void main(String[] args) {
        int maps = args.length > 0 ? Integer.parseInt(args[0]) : 2_500;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        SourceState state = Sans.state(maps);
        SnapshotAssembler assembler = new SnapshotAssembler("tur");
        TopologyDiff diff = new TopologyDiff();
        assembler.source(state);
        Topology current = assembler.build(1, Instant.now(), "simulator", false, MultipathdState.NOT_REPORTED);
        System.out.printf("%d maps, %d paths%n", current.maps().size(), current.paths().size());

        long[] checkUpdate = new long[rounds];
        long allocatedBefore = allocatedBytes();
        int events = 0;
        for (int i = 0; i < rounds; i++) {
            int n = 1 + i % maps;
            CheckerState state2 = (i / maps) % 2 == 0 ? CheckerState.DOWN : CheckerState.UP;
            long start = System.nanoTime();
            assembler.check("sd-" + n + "-1", "wwid-" + n, PathCheck.checked("sim", state2, ""));
            Topology next = assembler.build(current.generation() + 1, Instant.now(), "simulator", false, MultipathdState.NOT_REPORTED);
            events += diff.between(current, next, next.timestamp()).size();
            current = next;
            checkUpdate[i] = System.nanoTime() - start;
        }
        report("check result changing one path", checkUpdate, events, allocatedBytes() - allocatedBefore);

        long[] sourceUpdate = new long[rounds];
        allocatedBefore = allocatedBytes();
        events = 0;
        for (int i = 0; i < rounds; i++) {
            int n = 1 + i % maps;
            MultipathMap map = state.maps().get(n - 1);
            DmPathState dm = map.groups().get(0).paths().get(0).dmState() == DmPathState.ACTIVE ? DmPathState.FAILED
                    : DmPathState.ACTIVE;
            long start = System.nanoTime();
            List<MultipathMap> all = new ArrayList<>(state.maps());
            all.set(n - 1, Sans.withPathState(map, "sd-" + n + "-1", dm));
            SourceState pushed = SourceState.of(all, List.of());
            SourcePathChanges changes = SourcePathChanges.between(assembler.sourceMapsByWwid(), state, pushed);
            assembler.source(pushed);
            assembler.pathsChanged(changes.upserted(), changes.removed());
            Topology next = assembler.build(current.generation() + 1, Instant.now(), "simulator", false, MultipathdState.NOT_REPORTED);
            events += diff.between(current, next, next.timestamp()).size();
            current = next;
            state = pushed;
            sourceUpdate[i] = System.nanoTime() - start;
        }
        report("source push failing or reinstating one path", sourceUpdate, events,
                allocatedBytes() - allocatedBefore);
    }

    /** Bytes this thread has allocated so far (HotSpot's count; the loop's own garbage is tiny beside it). */
    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static void report(String what, long[] nanos, int events, long allocated) {
        long[] warm = Arrays.copyOfRange(nanos, nanos.length / 2, nanos.length);
        Arrays.sort(warm);
        System.out.printf("%s: median %.3f ms, p99 %.3f ms, max %.3f ms, %.1f KB allocated per update"
                + " (%d events in %d updates)%n", what, warm[warm.length / 2] / 1e6, warm[warm.length * 99 / 100] / 1e6,
                warm[warm.length - 1] / 1e6, allocated / 1024.0 / nanos.length, events, nanos.length);
    }
}
