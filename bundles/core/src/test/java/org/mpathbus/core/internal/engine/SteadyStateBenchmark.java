package org.mpathbus.core.internal.engine;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import org.mpathbus.api.CheckerState;
import org.mpathbus.api.spi.CheckResult;
import org.mpathbus.api.spi.MultipathSource;
import org.mpathbus.api.spi.PathChecker;
import org.mpathbus.core.internal.checks.CheckSettings;

/**
 * Prints the CPU the engine and check scheduler cost in steady state: 2,500 maps x 4 paths, every path
 * answering up at once (the cost of checking, not of any checker), polling_interval 5 and the default
 * back-off to 20 s. A benchmark, not a test: it prints and never fails.
 *
 * <p>Run: java -cp target/classes:target/test-classes:$API_JAR
 * org.mpathbus.core.internal.engine.SteadyStateBenchmark [maps] [warm-up s] [measured s]
 */
public final class SteadyStateBenchmark {

    public static void main(String[] args) throws Exception {
        int maps = args.length > 0 ? Integer.parseInt(args[0]) : 2_500;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        int measured = args.length > 2 ? Integer.parseInt(args[2]) : 60;
        AtomicLong checks = new AtomicLong();
        PathChecker upAtOnce = (path, timeout) -> {
            checks.incrementAndGet();
            return CheckResult.of(CheckerState.UP, "ok");
        };
        CheckSettings settings = new CheckSettings(Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ZERO, "tur",
                4);
        TopologyEngine engine = new TopologyEngine("simulator", Duration.ofSeconds(60), settings, Clock.systemUTC(),
                100_000);
        engine.addChecker(upAtOnce, "sim");
        long start = System.nanoTime();
        engine.addSource(new TopologyEngineTest.FakeSource(Sans.state(maps)), "simulator");
        engine.awaitEngine();
        while (engine.topology().paths().values().stream().anyMatch(p -> p.checkerState() != CheckerState.UP)) {
            Thread.sleep(1);
        }
        System.out.printf("%d paths checked up in %.0f ms from the first read%n", engine.topology().paths().size(),
                (System.nanoTime() - start) / 1e6);

        Thread.sleep(warmup * 1000L);
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpuBefore = os.getProcessCpuTime();
        long checksBefore = checks.get();
        long generationBefore = engine.topology().generation();
        long wallBefore = System.nanoTime();
        Thread.sleep(measured * 1000L);
        double cpu = (os.getProcessCpuTime() - cpuBefore) / 1e9;
        double wall = (System.nanoTime() - wallBefore) / 1e9;
        System.out.printf("steady state over %.0f s: %d checks (%.0f/s), %d new snapshots, process CPU %.3f s"
                + " = %.2f%% of one core%n", wall, checks.get() - checksBefore, (checks.get() - checksBefore) / wall,
                engine.topology().generation() - generationBefore, cpu, 100 * cpu / wall);
        Runtime runtime = Runtime.getRuntime();
        System.gc();
        System.out.printf("heap used after GC: %d MB%n", (runtime.totalMemory() - runtime.freeMemory()) >> 20);
        engine.close();
    }
}
