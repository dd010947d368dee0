package org.mpathbus.exporter.dbus.internal;

import static org.junit.Assert.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A dbus-daemon of the test's own, listening on a socket in a temporary directory. It can be killed and
 * started again on the same address, as a bus restart looks to the exporter.
 */
final class PrivateBus implements AutoCloseable {

    /** A permissive bus, like a session bus. */
    static final String OPEN_POLICY = """
              <policy context="default">
                <allow send_destination="*" eavesdrop="true"/>
                <allow eavesdrop="true"/>
                <allow own="*"/>
              </policy>
            """;

    private final Path dir;
    private final Path configFile;
    private final String address;
    private Process daemon;

    private PrivateBus(Path dir, String type, String policy) throws IOException {
        this.dir = dir;
        this.configFile = dir.resolve("bus.conf");
        this.address = "unix:path=" + dir.resolve("bus");
        Files.writeString(configFile, """
                <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN"
                 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
                <busconfig>
                  <type>%s</type>
                  <listen>%s</listen>
                  <auth>EXTERNAL</auth>
                %s
                </busconfig>
                """.formatted(type, address, policy));
    }

    /** Starts a permissive bus. */
    static PrivateBus start() throws IOException {
        return start("session", OPEN_POLICY);
    }

    /** Starts a bus of {@code type} with the given policy and limit elements. */
    static PrivateBus start(String type, String policy) throws IOException {
        Commands.require("dbus-daemon", "dbus-daemon");
        Path dir = Files.createTempDirectory("mpathbus-bus");
        // Other users (the policy test's unprivileged client) must reach the socket
        dir.toFile().setExecutable(true, false);
        dir.toFile().setReadable(true, false);
        PrivateBus bus = new PrivateBus(dir, type, policy);
        bus.launch();
        return bus;
    }

    String address() {
        return address;
    }

    Path dir() {
        return dir;
    }

    private void launch() throws IOException {
        daemon = new ProcessBuilder("dbus-daemon", "--config-file=" + configFile, "--nofork", "--print-address=1")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(daemon.getInputStream(), StandardCharsets.UTF_8));
        String printed = out.readLine();
        if (printed == null || !printed.startsWith("unix:")) {
            daemon.destroyForcibly();
            fail("dbus-daemon did not start with " + configFile + " (printed: " + printed + ")");
        }
    }

    /** Kills the daemon, as a crash or a restart of dbus does. */
    void kill() throws InterruptedException {
        daemon.destroy();
        daemon.waitFor(10, TimeUnit.SECONDS);
        try {
            Files.deleteIfExists(dir.resolve("bus"));
        } catch (IOException e) {
            throw new AssertionError("cannot remove the old socket", e);
        }
    }

    void startAgain() throws IOException {
        launch();
    }

    @Override
    public void close() throws Exception {
        if (daemon != null) {
            daemon.destroy();
            daemon.waitFor(10, TimeUnit.SECONDS);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
