package org.mpathbus.exporter.dbus.internal;

import static org.junit.Assert.fail;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.interfaces.DBus;

/**
 * python3-dbusmock standing in for polkitd on a private bus (which stands in for the system bus): its polkitd
 * template (SetAllowed decides), or a bare mock of the Authority whose CheckAuthorization answers as told.
 * It records every call (GetMethodCalls), so a test sees the subject the exporter sent.
 */
final class PolkitMock implements AutoCloseable {

    private static final String PYTHON = "/usr/bin/python3";
    private static final String MOCK = "org.freedesktop.DBus.Mock";

    private final Process process;
    private final DBusConnection connection;

    private PolkitMock(Process process, DBusConnection connection) {
        this.process = process;
        this.connection = connection;
    }

    /** dbusmock's polkitd template: every action denied until {@link #setAllowed}. */
    static PolkitMock template(String address, DBusConnection connection) throws Exception {
        return start(address, connection, List.of("--template", "polkitd"));
    }

    /** A bare Authority whose CheckAuthorization returns {@code python} (such as "(False, True, {})"). */
    static PolkitMock answering(String address, DBusConnection connection, String python) throws Exception {
        PolkitMock mock = start(address, connection, List.of(PolkitAuthorizer.POLKIT, PolkitAuthorizer.AUTHORITY_PATH,
                PolkitAuthorizer.AUTHORITY_INTERFACE));
        mock.mock("AddMethod", "sssss", PolkitAuthorizer.AUTHORITY_INTERFACE, "CheckAuthorization",
                PolkitAuthorizer.SIGNATURE, "(bba{ss})", "ret = " + python);
        return mock;
    }

    /** A bare Authority whose CheckAuthorization fails with the D-Bus error {@code name}: {@code message}. */
    static PolkitMock raising(String address, DBusConnection connection, String name, String message)
            throws Exception {
        PolkitMock mock = start(address, connection, List.of(PolkitAuthorizer.POLKIT, PolkitAuthorizer.AUTHORITY_PATH,
                PolkitAuthorizer.AUTHORITY_INTERFACE));
        mock.mock("AddMethod", "sssss", PolkitAuthorizer.AUTHORITY_INTERFACE, "CheckAuthorization",
                PolkitAuthorizer.SIGNATURE, "(bba{ss})", "raise dbus.exceptions.DBusException(" + python(message)
                        + ", name=" + python(name) + ")");
        return mock;
    }

    private static String python(String text) {
        return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    private static PolkitMock start(String address, DBusConnection connection, List<String> what) throws Exception {
        if (!new File(PYTHON).canExecute() || Commands.run(PYTHON, "-c", "import dbusmock").exit() != 0) {
            fail("python3-dbusmock is not installed for " + PYTHON + ": apt-get install python3-dbusmock");
        }
        List<String> argv = new ArrayList<>(List.of(PYTHON, "-m", "dbusmock", "--system"));
        argv.addAll(what);
        ProcessBuilder builder = new ProcessBuilder(argv).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("DBUS_SYSTEM_BUS_ADDRESS", address);
        Process process = builder.start();
        DBus bus = connection.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
        long deadline = System.currentTimeMillis() + 15_000;
        while (!bus.NameHasOwner(PolkitAuthorizer.POLKIT)) {
            if (!process.isAlive() || System.currentTimeMillis() > deadline) {
                process.destroyForcibly();
                fail("dbusmock did not take " + PolkitAuthorizer.POLKIT + " (" + argv + ")");
            }
            Thread.sleep(20);
        }
        return new PolkitMock(process, connection);
    }

    void setAllowed(String... actions) throws Exception {
        mock("SetAllowed", "as", List.of(actions));
    }

    void simulateHang(boolean hang) throws Exception {
        mock("SimulateHang", "b", hang);
    }

    /** The arguments of every CheckAuthorization so far, as plain Java. */
    @SuppressWarnings("unchecked")
    List<List<Object>> checks() throws Exception {
        Object[] reply = BusCalls.call(connection, PolkitAuthorizer.POLKIT, PolkitAuthorizer.AUTHORITY_PATH, MOCK,
                "GetMethodCalls", 10_000, "s", "CheckAuthorization");
        List<List<Object>> checks = new ArrayList<>();
        for (Object call : (List<Object>) WireValues.toPlain(reply[0], "a(tav)")) {
            checks.add((List<Object>) ((List<Object>) call).get(1));
        }
        return checks;
    }

    private void mock(String method, String signature, Object... args) throws Exception {
        BusCalls.call(connection, PolkitAuthorizer.POLKIT, PolkitAuthorizer.AUTHORITY_PATH, MOCK, method, 10_000,
                signature, args);
    }

    /** The subject polkit was asked about, as the exporter sends it for a bus name. */
    static List<Object> busNameSubject(String uniqueName) {
        return List.of("system-bus-name", Map.of("name", uniqueName));
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
        DBus bus = connection.getRemoteObject("org.freedesktop.DBus", "/org/freedesktop/DBus", DBus.class);
        long deadline = System.currentTimeMillis() + 10_000;
        while (bus.NameHasOwner(PolkitAuthorizer.POLKIT) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
    }
}
