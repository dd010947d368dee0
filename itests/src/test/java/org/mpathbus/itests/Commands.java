package org.mpathbus.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Host commands the tests run, found on PATH or failing loudly with the Debian package that has them. */
final class Commands {

    private Commands() {
    }

    /** The command's path; fails naming the Debian package to install when it is missing. */
    static String require(String command, String debianPackage) {
        for (String directory : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
            Path candidate = Path.of(directory, command);
            if (Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        throw new AssertionError(command + " is not installed: apt-get install " + debianPackage
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
}
