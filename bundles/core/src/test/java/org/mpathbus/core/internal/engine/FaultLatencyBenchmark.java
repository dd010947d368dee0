package org.mpathbus.core.internal.engine;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;

import org.mpathbus.api.CheckerState;
import org.mpathbus.api.DmPathState;
import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.SourceState;
import org.mpathbus.api.event.PathFailed;
import org.mpathbus.api.event.PathReinstated;
import org.mpathbus.api.event.TopologyEvent;
import org.mpathbus.api.spi.CheckResult;
import org.mpathbus.api.spi.MultipathSource;
import org.mpathbus.core.internal.checks.CheckSettings;

/**
 * Prints the latency from a source pushing a failed or reinstated path to a {@link
 * org.mpathbus.api.spi.TopologyListener} receiving the PathFailed/PathReinstated event, at 2,500 maps x 4
 * paths. A benchmark, not a test: it prints and never fails.
 *
 * <p>Run: java -cp target/classes:target/test-classes:$API_JAR
 * org.mpathbus.core.internal.engine.FaultLatencyBenchmark [maps] [faults]
 */
public final class FaultLatencyBenchmark {

    public static void main(String[] args) throws Exception {
        int maps = args.length > 0 ? Integer.parseInt(args[0]) : 2_500;
        int faults = args.length > 1 ? Integer.parseInt(args[1]) : 2_000;
        CheckSettings settings = new CheckSettings(Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ZERO,
                "tur", 4);
        TopologyEngine engine = new TopologyEngine("simulator", Duration.ofSeconds(60), settings, Clock.systemUTC(),
                100_000);
        engine.addChecker((path, timeout) -> CheckResult.of(CheckerState.UP, "ok"), "sim");
        SynchronousQueue<Long> arrivals = new SynchronousQueue<>();
        engine.addListener((topology, events) -> {
            for (TopologyEvent event : events) {
                if (event instanceof PathFailed || event instanceof PathReinstated) {
                    try {
                        arrivals.put(System.nanoTime());
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        }, "latency probe");
        TopologyEngineTest.FakeSource source = new TopologyEngineTest.FakeSource(Sans.state(maps));
        engine.addSource(source, "simulator");
        engine.awaitEngine();
        while (engine.topology().paths().values().stream().anyMatch(p -> p.checkerState() != CheckerState.UP)) {
            Thread.sleep(1);
        }

        SourceState state = source.state;
        long[] latency = new long[faults];
        for (int i = 0; i < faults; i++) {
            int index = (i / 2) % maps;
            MultipathMap map = state.maps().get(index);
            DmPathState dm = i % 2 == 0 ? DmPathState.FAILED : DmPathState.ACTIVE;
            state = Sans.replace(state, Sans.withPathState(map, "sd-" + (index + 1) + "-1", dm));
            long pushed = System.nanoTime();
            source.push(state);
            Long arrived = arrivals.poll(10, TimeUnit.SECONDS);
            latency[i] = arrived == null ? Long.MAX_VALUE : arrived - pushed;
            Thread.sleep(1);
        }
        long[] warm = Arrays.copyOfRange(latency, faults / 4, faults);
        Arrays.sort(warm);
        System.out.printf("fault to listener at %d paths: median %.3f ms, p99 %.3f ms, max %.3f ms (%d faults)%n",
                engine.topology().paths().size(), warm[warm.length / 2] / 1e6, warm[warm.length * 99 / 100] / 1e6,
                warm[warm.length - 1] / 1e6, warm.length);
        engine.close();
    }

    private FaultLatencyBenchmark() {
    }
}
