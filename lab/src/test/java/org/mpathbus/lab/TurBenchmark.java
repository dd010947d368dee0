package org.mpathbus.lab;

import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.mpathbus.api.DeviceNumber;
import org.mpathbus.api.Path;
import org.mpathbus.api.spi.PathChecker;

/**
 * Run in the guest by checkers.sh, pinned to one core: the tur checker bundle's class (from the daemon's
 * bundle/ directory, used as a plain jar) checks the named devices in turn, a warm-up round and a measured
 * round of COUNT checks each. Prints one line per round: checks per second and the states seen.
 *
 * <p>Usage: TurBenchmark COUNT DEVICE...
 */
public final class TurBenchmark {

    private static final String TUR_CHECKER = "org.mpathbus.checker.tur.internal.TurChecker";

    private TurBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int count = Integer.parseInt(args[0]);
        List<Path> paths = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String number = Files.readString(Paths.get("/sys/class/block", args[i], "dev")).strip();
            paths.add(Path.builder(args[i], DeviceNumber.parse(number)).build());
        }
        PathChecker checker = (PathChecker) Class.forName(TUR_CHECKER).getConstructor().newInstance();
        Duration timeout = Duration.ofSeconds(30);
        for (Path path : paths) {
            checker.check(path, timeout); // opens every device before timing
        }
        for (String round : List.of("warmup", "measured")) {
            Map<String, Integer> states = new TreeMap<>();
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                states.merge(checker.check(paths.get(i % paths.size()), timeout).state().label(), 1, Integer::sum);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            System.out.printf("round=%s checks=%d paths=%d seconds=%.3f checks_per_second=%.0f states=%s%n", round,
                    count, paths.size(), seconds, count / seconds, states);
        }
        paths.forEach(checker::release);
    }
}
