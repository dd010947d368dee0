package org.mpathbus.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.mpathbus.testing.Await;

/** A dbus-daemon of the test's own, standing in for the system bus, with its socket in a test directory. */
final class PrivateBus implements AutoCloseable {

    private final Process process;
    private final String address;
    /** The socket's own directory, when the bus made one. */
    private final Path socketDirectory;

    private PrivateBus(Process process, String address, Path socketDirectory) {
        this.process = process;
        this.address = address;
        this.socketDirectory = socketDirectory;
    }

    /** Starts the bus with its socket and log in {@code directory}; returns once the socket is there. */
    static PrivateBus start(Path directory) throws IOException {
        String dbusDaemon = HostCommands.require("dbus-daemon", "dbus-daemon");
        Path socket = directory.resolve("bus");
        String address = "unix:path=" + socket;
        Process process = new ProcessBuilder(dbusDaemon, "--session", "--nofork", "--address=" + address)
                .redirectErrorStream(true).redirectOutput(directory.resolve("dbus-daemon.log").toFile()).start();
        PrivateBus bus = new PrivateBus(process, address, null);
        Await.until("the private bus at " + socket, () -> Files.exists(socket) || !process.isAlive());
        if (!process.isAlive()) {
            throw new AssertionError("dbus-daemon ended at once; see " + directory.resolve("dbus-daemon.log"));
        }
        return bus;
    }

    /**
     * Starts a bus that every user may connect to (the unprivileged callers of the tests, by setpriv), with the
     * spec's largest message (128 MiB) let through as the system bus would: its socket in a directory of its
     * own in the system's temporary directory, searchable by all whatever the umask.
     */
    static PrivateBus startForAllUsers(Path log) throws IOException {
        String dbusDaemon = HostCommands.require("dbus-daemon", "dbus-daemon");
        Path directory = Files.createTempDirectory("mpathbus-bus");
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path socket = directory.resolve("bus");
        Path config = Files.writeString(log.resolveSibling("all-users-bus.conf"), """
                <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-BUS Bus Configuration 1.0//EN"
                 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
                <busconfig>
                  <type>system</type>
                  <listen>unix:path=%s</listen>
                  <auth>EXTERNAL</auth>
                  <policy context="default">
                    <allow user="*"/>
                    <allow send_destination="*"/>
                    <allow receive_sender="*"/>
                    <allow own="*"/>
                  </policy>
                  <limit name="max_message_size">134217728</limit>
                  <limit name="max_incoming_bytes">134217728</limit>
                </busconfig>
                """.formatted(socket));
        Process process = new ProcessBuilder(dbusDaemon, "--config-file=" + config, "--nofork")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Await.until("the private bus at " + socket, () -> Files.exists(socket) || !process.isAlive());
        if (!process.isAlive()) {
            throw new AssertionError("dbus-daemon ended at once; see " + log);
        }
        return new PrivateBus(process, "unix:path=" + socket, directory);
    }

    String address() {
        return address;
    }

    @Override
    public void close() throws InterruptedException, IOException {
        process.destroy();
        process.waitFor();
        if (socketDirectory != null) {
            Files.deleteIfExists(socketDirectory.resolve("bus"));
            Files.deleteIfExists(socketDirectory);
        }
    }
}
