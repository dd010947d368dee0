package org.mpathbus.checker.tur.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.mpathbus.api.CheckerState;
import org.mpathbus.api.DeviceNumber;
import org.mpathbus.api.Path;
import org.mpathbus.api.spi.CheckResult;
import org.mpathbus.api.spi.PathChecker;

/**
 * Runs the real checkers against real block devices outside OSGi, for the kernel lab and benchmarks.
 *
 * <pre>
 * java -cp CLASSPATH org.mpathbus.checker.tur.internal.CheckerDriver MODE CHECKER [OPTIONS] DEVICE...
 *   MODE     once  : one check per device, one line each: "sdb 8:16 up test unit ready: LUN ready"
 *            watch : check every device each --interval ms for --seconds s; print each state change
 *                    with a timestamp (ISO-8601) and the check's duration
 *            bench : --count checks of the devices in turn on this thread, twice (JIT warm-up, then the
 *                    figure); print checks per second, the JVM's thread count and resident memory
 *   CHECKER  tur or directio (directio needs the directio module's classes on the class path)
 *   DEVICE   a kernel name such as sdb; its major:minor comes from /sys/class/block/NAME/dev
 * </pre>
 */
public final class CheckerDriver {

    private CheckerDriver() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: CheckerDriver once|watch|bench tur|directio [--interval MS] [--seconds S]"
                    + " [--count N] [--timeout MS] DEVICE...");
            System.exit(2);
        }
        String mode = args[0];
        PathChecker checker = checker(args[1]);
        Map<String, Long> options = new HashMap<>(Map.of("--interval", 1000L, "--seconds", 30L, "--count", 10000L,
                "--timeout", 30000L));
        List<Path> paths = new ArrayList<>();
        for (int i = 2; i < args.length; i++) {
            if (options.containsKey(args[i])) {
                options.put(args[i], Long.parseLong(args[++i]));
            } else {
                paths.add(path(args[i]));
            }
        }
        Duration timeout = Duration.ofMillis(options.get("--timeout"));
        switch (mode) {
        case "once" -> paths.forEach(p -> print(p, check(checker, p, timeout), -1));
        case "watch" -> watch(checker, paths, timeout, options.get("--interval"), options.get("--seconds"));
        case "bench" -> bench(checker, paths, timeout, options.get("--count"));
        default -> throw new IllegalArgumentException("unknown mode '" + mode + "'");
        }
        paths.forEach(checker::release);
    }

    private static void watch(PathChecker checker, List<Path> paths, Duration timeout, long intervalMillis,
            long seconds) throws InterruptedException {
        Map<String, CheckerState> last = new HashMap<>();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (System.nanoTime() < end) {
            for (Path path : paths) {
                long start = System.nanoTime();
                CheckResult result = check(checker, path, timeout);
                long micros = (System.nanoTime() - start) / 1000;
                if (last.put(path.name(), result.state()) != result.state()) {
                    print(path, result, micros);
                }
            }
            Thread.sleep(intervalMillis);
        }
    }

    /** Two rounds of --count checks: the first warms up the JIT, the second is the figure to quote. */
    private static void bench(PathChecker checker, List<Path> paths, Duration timeout, long count) throws IOException {
        for (Path path : paths) {
            check(checker, path, timeout); // opens the device
        }
        for (String round : List.of("warmup", "measured")) {
            long start = System.nanoTime();
            Map<CheckerState, Integer> states = new HashMap<>();
            for (long i = 0; i < count; i++) {
                Path path = paths.get((int) (i % paths.size()));
                states.merge(check(checker, path, timeout).state(), 1, Integer::sum);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("bench %s checks=%d paths=%d seconds=%.3f checks_per_second=%.0f states=%s"
                    + " threads=%s rss_kb=%s%n", round, count, paths.size(), seconds, count / seconds, states,
                    procStatus("Threads"), procStatus("VmRSS"));
        }
    }

    /** As the engine does: a checker that throws leaves the path unchecked. */
    private static CheckResult check(PathChecker checker, Path path, Duration timeout) {
        try {
            return checker.check(path, timeout);
        } catch (Exception e) {
            return CheckResult.of(CheckerState.UNCHECKED, e.toString());
        }
    }

    private static void print(Path path, CheckResult result, long micros) {
        System.out.println(Instant.now() + " " + path.name() + " " + path.deviceNumber() + " "
                + result.state().name().toLowerCase() + " " + result.message()
                + (micros >= 0 ? " (" + micros + " us)" : ""));
    }

    private static PathChecker checker(String name) throws ReflectiveOperationException {
        return switch (name) {
        case "tur" -> new TurChecker();
        case "directio" -> (PathChecker) Class.forName("org.mpathbus.checker.directio.internal.DirectioChecker")
                .getConstructor().newInstance();
        default -> throw new IllegalArgumentException("unknown checker '" + name + "' (tur or directio)");
        };
    }

    private static Path path(String name) throws IOException {
        String number = Files.readString(Paths.get("/sys/class/block", name, "dev")).trim();
        return Path.builder(name, DeviceNumber.parse(number)).build();
    }

    private static String procStatus(String field) throws IOException {
        for (String line : Files.readAllLines(Paths.get("/proc/self/status"))) {
            if (line.startsWith(field + ":")) {
                return line.substring(field.length() + 1).trim().split("\\s+")[0];
            }
        }
        return "?";
    }
}
