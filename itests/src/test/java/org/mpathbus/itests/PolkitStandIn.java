package org.mpathbus.itests;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.mpathbus.testing.Await;

/**
 * python3-dbusmock's polkitd template standing in for polkitd on a private bus: it denies every action until
 * told otherwise, and can hang every CheckAuthorization (SimulateHang), as a polkitd that never answers. It is
 * driven with busctl as root.
 */
final class PolkitStandIn implements AutoCloseable {

    private static final String NAME = "org.freedesktop.PolicyKit1";
    private static final String AUTHORITY = "/org/freedesktop/PolicyKit1/Authority";
    private static final String MOCK = "org.freedesktop.DBus.Mock";

    private final Process process;
    private final String address;

    private PolkitStandIn(Process process, String address) {
        this.process = process;
        this.address = address;
    }

    static PolkitStandIn start(String address) throws IOException {
        HostCommands.requireFile(BusCaller.PYTHON, "python3-dbusmock");
        if (HostCommands.run(BusCaller.PYTHON, "-c", "import dbusmock").contains("Error")) {
            throw new AssertionError("python3-dbusmock is not installed for " + BusCaller.PYTHON
                    + ": apt-get install python3-dbusmock (.ci/run installs it)");
        }
        ProcessBuilder builder = new ProcessBuilder(BusCaller.PYTHON, "-m", "dbusmock", "--system", "--template",
                "polkitd").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("DBUS_SYSTEM_BUS_ADDRESS", address);
        PolkitStandIn polkit = new PolkitStandIn(builder.start(), address);
        Await.until("dbusmock to own " + NAME, () -> polkit.busctl("status", NAME).contains("PID=")
                || !polkit.process.isAlive());
        if (!polkit.process.isAlive()) {
            throw new AssertionError("dbusmock's polkitd template ended at once");
        }
        return polkit;
    }

    /** Every CheckAuthorization from now on hangs (true), or is answered again (false; hung ones stay hung). */
    void hang(boolean hang) {
        mock("SimulateHang", "b", String.valueOf(hang));
    }

    private String mock(String method, String signature, String... values) {
        String[] command = new String[6 + values.length];
        System.arraycopy(new String[] {"call", NAME, AUTHORITY, MOCK, method, signature}, 0, command, 0, 6);
        System.arraycopy(values, 0, command, 6, values.length);
        return busctl(command);
    }

    private String busctl(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of(HostCommands.require("busctl", "systemd"),
                "--address=" + address));
        command.addAll(List.of(args));
        return HostCommands.run(command.toArray(String[]::new));
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
