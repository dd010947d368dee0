package org.mpathbus.exporter.dbus.internal;

import static org.junit.Assert.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real D-Bus tools the tests check against, and insists that they are installed. */
final class Commands {

    /** Exit status and output of one command. */
    record Result(int exit, String out, String err) {
        Result ok() {
            if (exit != 0) {
                fail("command failed with exit " + exit + ": " + err + out);
            }
            return this;
        }
    }

    private Commands() {
    }

    /** Fails the test, naming the Debian package to install, when {@code tool} is not on the PATH. */
    static void require(String tool, String debianPackage) {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(File.pathSeparator)) {
            if (new File(dir, tool).canExecute()) {
                return;
            }
        }
        fail(tool + " is not installed: these tests need a real D-Bus; install the Debian package " + debianPackage
                + " (apt-get install " + debianPackage + ")");
    }

    static Result run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).start();
            process.getOutputStream().close();
            // Read both streams fully; outputs are small
            var out = process.getInputStream().readAllBytes();
            var err = process.getErrorStream().readAllBytes();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail("command did not finish within 30 s: " + command);
            }
            return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8),
                    new String(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + command, e);
        }
    }

    static Result run(String... command) {
        return run(List.of(command));
    }
}
