package org.mpathbus.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** What one guest run left in the results share: step times, files, JSON answers of the daemon. */
final class LabRun {

    private final Path out;
    private final Path console;
    private final double hostSeconds;
    /** step name to {epoch seconds, guest uptime seconds} */
    private final Map<String, double[]> steps = new LinkedHashMap<>();

    LabRun(Path out, Path console, double hostSeconds) {
        this.out = out;
        this.console = console;
        this.hostSeconds = hostSeconds;
        Path stepFile = out.resolve("steps.txt");
        if (Files.exists(stepFile)) {
            for (String line : lines("steps.txt")) {
                String[] words = line.split(" ");
                steps.put(words[0], new double[] {Double.parseDouble(words[1]), Double.parseDouble(words[2])});
            }
        }
    }

    double hostSeconds() {
        return hostSeconds;
    }

    boolean stepReached(String name) {
        return steps.containsKey(name);
    }

    List<String> stepNames() {
        return new ArrayList<>(steps.keySet());
    }

    /** Guest uptime (seconds since the kernel started) when the step was reached. */
    double uptimeAt(String step) {
        return step(step)[1];
    }

    /** Wall-clock time (epoch seconds, guest clock) when the step was reached. */
    double epochAt(String step) {
        return step(step)[0];
    }

    private double[] step(String name) {
        double[] times = steps.get(name);
        if (times == null) {
            throw new AssertionError("the guest never reached step '" + name + "' (reached: " + steps.keySet() + ")"
                    + errorsText());
        }
        return times;
    }

    /** The guest's failed steps, "" when there were none. */
    String errorsText() {
        Path errors = out.resolve("errors.txt");
        try {
            return Files.exists(errors) ? "; the guest reported: " + Files.readString(errors).strip() : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> lines(String relative) {
        return Files.exists(out.resolve(relative)) ? readLines(relative) : failMissing(relative);
    }

    String text(String relative) {
        return String.join("\n", lines(relative));
    }

    JsonObject json(String relative) {
        return JsonParser.parseString(text(relative)).getAsJsonObject();
    }

    DmSnapshot dm(String directory, String prefix) {
        return new DmSnapshot(lines(directory + "/" + prefix + "dmsetup-table.txt"),
                lines(directory + "/" + prefix + "dmsetup-status.txt"),
                lines(directory + "/" + prefix + "dmsetup-info.txt"));
    }

    private List<String> readLines(String relative) {
        try {
            return Files.readAllLines(out.resolve(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> failMissing(String relative) {
        throw new AssertionError("the guest left no " + relative + errorsText() + "; console: " + console
                + "\n" + LabBoot.tail(console, 30));
    }
}
