package org.mpathbus.itests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.mpathbus.testing.Await;

/** A dbus-daemon of the test's own, standing in for the system bus, with its socket in a test directory. */
final class PrivateBus implements AutoCloseable {

    private final Process process;
    private final String address;

    private PrivateBus(Process process, String address) {
        this.process = process;
        this.address = address;
    }

    /** Starts the bus with its socket and log in {@code directory}; returns once the socket is there. */
    static PrivateBus start(Path directory) throws IOException {
        String dbusDaemon = HostCommands.require("dbus-daemon", "dbus-daemon");
        Path socket = directory.resolve("bus");
        String address = "unix:path=" + socket;
        Process process = new ProcessBuilder(dbusDaemon, "--session", "--nofork", "--address=" + address)
                .redirectErrorStream(true).redirectOutput(directory.resolve("dbus-daemon.log").toFile()).start();
        PrivateBus bus = new PrivateBus(process, address);
        Await.until("the private bus at " + socket, () -> Files.exists(socket) || !process.isAlive());
        if (!process.isAlive()) {
            throw new AssertionError("dbus-daemon ended at once; see " + directory.resolve("dbus-daemon.log"));
        }
        return bus;
    }

    String address() {
        return address;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        process.waitFor();
    }
}
