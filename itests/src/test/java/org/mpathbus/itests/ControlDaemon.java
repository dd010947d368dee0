package org.mpathbus.itests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.mpathbus.testing.Await;

/**
 * bin/mpathbusd on the simulator with its console, on a private dbus-daemon (no polkit there, so root's calls
 * are allowed), from a copy of etc/ with the test's settings; and busctl against it.
 */
final class ControlDaemon implements AutoCloseable {

    static final String NAME = "org.mpathbus.Multipath1";
    static final String ROOT = "/org/mpathbus/Multipath1";
    static final String CONTROL_CFG = "org.mpathbus.exporter.dbus.control.cfg";

    /** What busctl did: exit status, output, errors and how long it took from start to end. */
    record Result(int exit, String out, String err, long millis) {
        Result ok() {
            if (exit != 0) {
                throw new AssertionError("busctl failed (" + exit + "): " + err + out);
            }
            return this;
        }
    }

    private final PrivateBus bus;
    private final DaemonProcess daemon;
    private final Path etc;

    private ControlDaemon(PrivateBus bus, DaemonProcess daemon, Path etc) {
        this.bus = bus;
        this.daemon = daemon;
        this.etc = etc;
    }

    /**
     * Starts the daemon of {@code home} in {@code work} with the given etc/ files (name to content) over the
     * shipped ones, and waits until it exports the simulated maps.
     */
    static ControlDaemon start(Path home, Path work, Map<String, String> settings, String... options)
            throws Exception {
        return start(home, work, PrivateBus.start(work), settings, options);
    }

    /** As {@link #start(Path, Path, Map, String...)}, on {@code bus}, which the daemon closes with itself. */
    static ControlDaemon start(Path home, Path work, PrivateBus bus, Map<String, String> settings,
            String... options) throws Exception {
        HostCommands.require("busctl", "systemd");
        Path etc = Files.createDirectories(work.resolve("etc"));
        try (Stream<Path> defaults = Files.list(home.resolve("etc"))) {
            for (Path cfg : defaults.toList()) {
                MpathbusdIT.ownerWritableOnly(Files.copy(cfg, etc.resolve(cfg.getFileName())));
            }
        }
        settings = new java.util.HashMap<>(settings);
        settings.put("org.mpathbus.exporter.prometheus.cfg", "port = " + PrometheusServer.freePort() + "\n");
        for (Map.Entry<String, String> file : settings.entrySet()) {
            MpathbusdIT.ownerWritableOnly(Files.writeString(etc.resolve(file.getKey()), file.getValue()));
        }
        List<String> command = new ArrayList<>(DaemonProcess.mpathbusd(home, "--source=simulator", "--etc=" + etc,
                "--state=" + work.resolve("state"), "--bus-address=" + bus.address()));
        command.addAll(List.of(options));
        ControlDaemon started = new ControlDaemon(bus, DaemonProcess.start(home, command), etc);
        Await.until("the daemon to export the simulated maps", Await.DEFAULT,
                () -> started.busctl("get-property", NAME, ROOT, NAME + ".Manager", "Maps").out().contains("/maps/"),
                started.daemon::tail);
        return started;
    }

    String address() {
        return bus.address();
    }

    DaemonProcess process() {
        return daemon;
    }

    /** Replaces etc/{@code file}; FileInstall applies it within a second or so. */
    void configure(String file, String content) throws IOException {
        MpathbusdIT.ownerWritableOnly(Files.writeString(etc.resolve(file), content));
    }

    /** Types a console command (the simulator's faults) and waits until its answer is printed. */
    void console(String command, String answer) throws IOException {
        daemon.awaitProbe(command, command, output -> output.contains(answer));
    }

    Result busctl(String... args) {
        List<String> command = new ArrayList<>(List.of("busctl", "--address=" + bus.address()));
        command.addAll(List.of(args));
        long started = System.nanoTime();
        try {
            Process process = new ProcessBuilder(command).start();
            process.getOutputStream().close();
            var err = process.getErrorStream();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String errors = new String(err.readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            return new Result(exit, out, errors, (System.nanoTime() - started) / 1_000_000);
        } catch (IOException e) {
            throw new AssertionError("busctl: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** A control method called with busctl: object, interface suffix, method, then signature and values. */
    Result call(String object, String iface, String method, String... signatureAndValues) {
        List<String> args = new ArrayList<>(List.of("--timeout=60", "call", NAME, object, NAME + "." + iface,
                method));
        args.addAll(List.of(signatureAndValues));
        return busctl(args.toArray(String[]::new));
    }

    /**
     * A method called with gdbus, which (unlike busctl) prints the D-Bus error's name: "GDBus.Error:NAME: message".
     * {@code arguments} are GVariant text, such as "'sdb'" or "@a{sv} {}".
     */
    Result gdbus(String object, String ifaceMethod, String... arguments) {
        List<String> command = new ArrayList<>(List.of(HostCommands.require("gdbus", "libglib2.0-bin"), "call",
                "--address", bus.address(), "--dest", NAME, "--object-path", object, "--timeout", "60", "--method",
                NAME + "." + ifaceMethod));
        command.addAll(List.of(arguments));
        long started = System.nanoTime();
        try {
            HostCommands.Result result = HostCommands.run(command, new byte[0]);
            return new Result(result.status(), result.output(), result.output(), (System.nanoTime() - started) / 1_000_000);
        } catch (IOException e) {
            throw new AssertionError("gdbus: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The object paths of an ao property. */
    List<String> objects(String object, String iface, String property) {
        List<String> found = new ArrayList<>();
        Matcher quoted = Pattern.compile("\"([^\"]+)\"").matcher(property(object, iface, property));
        while (quoted.find()) {
            found.add(quoted.group(1));
        }
        return found;
    }

    /** The kernel name of a path object. */
    static String pathName(String pathObject) {
        return pathObject.substring(pathObject.lastIndexOf('/') + 1);
    }

    /** One property, as busctl prints it ("s \"failed\""). */
    String property(String object, String iface, String property) {
        return busctl("get-property", NAME, object, NAME + "." + iface, property).ok().out().strip();
    }

    /** The object of a map or path by any name, through Manager.Lookup. */
    String lookup(String name) {
        String out = busctl("call", NAME, ROOT, NAME + ".Manager", "Lookup", "s", name).ok().out().strip();
        Matcher quoted = Pattern.compile("^o \"(.*)\"$").matcher(out);
        if (!quoted.matches() || quoted.group(1).equals("/")) {
            throw new AssertionError("Lookup " + name + ": " + out);
        }
        return quoted.group(1);
    }

    String tail() {
        return daemon.tail();
    }

    @Override
    public void close() throws Exception {
        daemon.close();
        bus.close();
    }
}
