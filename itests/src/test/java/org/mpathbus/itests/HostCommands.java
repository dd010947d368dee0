package org.mpathbus.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Programs of the host that tests drive; a missing one fails the test naming the Debian package. */
final class HostCommands {

    private HostCommands() {
    }

    /** The command's path on PATH. */
    static String require(String command, String debianPackage) {
        for (String directory : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path candidate = Path.of(directory, command);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw missing(command, debianPackage);
    }

    /** A program at a fixed place, such as one outside PATH. */
    static String requireFile(String file, String debianPackage) {
        if (!Files.isExecutable(Path.of(file))) {
            throw missing(file, debianPackage);
        }
        return file;
    }

    private static AssertionError missing(String what, String debianPackage) {
        return new AssertionError(what + " is not installed: apt-get install " + debianPackage
                + " (.ci/run installs it)");
    }

    /** What a finished command printed (errors included) and its exit status. */
    record Result(int status, String output) {
    }

    /** Runs the command to its end, with {@code input} on its standard input. */
    static Result run(List<String> command, byte[] input) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (var stdin = process.getOutputStream()) {
            stdin.write(input);
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(process.waitFor(), output);
    }

    /** Runs a short command and returns what it printed, errors included. */
    static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor();
            return output;
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return e.toString();
        }
    }
}
