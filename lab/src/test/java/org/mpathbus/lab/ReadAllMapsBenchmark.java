package org.mpathbus.lab;

import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;

import org.mpathbus.api.SourceState;
import org.mpathbus.devmapper.internal.DevmapperSource;

/**
 * Runs in the lab guest: reads every multipath map through the devmapper source (ioctls and sysfs) again
 * and again and prints how long one complete read takes. Prints figures; judges nothing.
 */
public final class ReadAllMapsBenchmark {

    private ReadAllMapsBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        DevmapperSource source = new DevmapperSource(Paths.get("/sys"), "/dev/mapper/control", Duration.ofSeconds(60));
        double[] millis = new double[rounds];
        SourceState state = null;
        for (int i = 0; i < rounds; i++) {
            long start = System.nanoTime();
            state = source.read();
            millis[i] = (System.nanoTime() - start) / 1e6;
        }
        int paths = state.maps().stream().mapToInt(m -> m.pathCount()).sum();
        double first = millis[0];
        double[] warm = Arrays.copyOfRange(millis, 1, rounds);
        Arrays.sort(warm);
        System.out.printf("maps=%d paths=%d rounds=%d first_ms=%.1f median_ms=%.1f min_ms=%.1f max_ms=%.1f%n",
                state.maps().size(), paths, rounds, first, warm[warm.length / 2], warm[0], warm[warm.length - 1]);
    }
}
