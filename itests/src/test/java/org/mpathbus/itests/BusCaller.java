package org.mpathbus.itests;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.Gson;

/**
 * A client of its own process calling one method as a given user (setpriv), through python3-dbus: unlike busctl
 * or gdbus it takes arguments of any size (on its standard input, not the command line) and option names of any
 * text. {@link #start} runs it; {@link Call#result} waits for its answer; {@link Call#kill} ends it as a crashed
 * client ends.
 */
final class BusCaller {

    static final String PYTHON = "/usr/bin/python3";
    /** Reads {address, dest, path, interface, method, args, options, timeout} and prints name, ms, message. */
    private static final String CLIENT = """
            import dbus, json, sys, time
            spec = json.load(sys.stdin)
            bus = dbus.bus.BusConnection(spec["address"])
            method = bus.get_object(spec["dest"], spec["path"], introspect=False).get_dbus_method(
                spec["method"], spec["interface"])
            args = [dbus.String(a) for a in spec["args"]]
            if "options" in spec:
                args.append(dbus.Dictionary(spec["options"], signature="sv"))
            print("connected", flush=True)
            start = time.monotonic()
            try:
                method(*args, timeout=spec["timeout"])
                name, message = "ok", ""
            except dbus.exceptions.DBusException as e:
                name, message = e.get_dbus_name(), e.get_dbus_message() or ""
            print(name)
            print(int((time.monotonic() - start) * 1000))
            print(message, end="")
            """;

    private BusCaller() {
    }

    /** What the call came to: the error's name (or "ok"), its message and the time from the call to its answer. */
    record Result(String name, String message, long millis) {
    }

    /** A running call. */
    static final class Call {
        private final Process process;

        private Call(Process process) {
            this.process = process;
        }

        Result result() throws IOException, InterruptedException {
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int exit = process.waitFor();
            String[] lines = out.split("\n", 4);
            if (exit != 0 || lines.length < 3 || !lines[0].equals("connected")) {
                throw new AssertionError("the client failed (" + exit + "): " + out
                        + new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
            }
            return new Result(lines[1], lines.length > 3 ? lines[3] : "", Long.parseLong(lines[2]));
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor();
        }
    }

    /**
     * Starts {@code interfaceName.method} on {@code path} of {@code dest} as {@code uid} with string arguments and
     * integer options (null for a method without options), waiting at most {@code timeoutSeconds} for the answer.
     */
    static Call start(String address, long uid, String path, String interfaceName, String method, List<String> args,
            Map<String, Integer> options, int timeoutSeconds) throws IOException {
        HostCommands.requireFile(PYTHON, "python3-dbus");
        List<String> command = new ArrayList<>();
        if (uid != 0) {
            command.addAll(List.of(HostCommands.require("setpriv", "util-linux"), "--reuid=" + uid, "--regid=" + uid,
                    "--clear-groups"));
        }
        command.addAll(List.of(PYTHON, "-c", CLIENT));
        Process process = new ProcessBuilder(command).directory(new java.io.File("/")).start();
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("address", address);
        spec.put("dest", ControlDaemon.NAME);
        spec.put("path", path);
        spec.put("interface", interfaceName);
        spec.put("method", method);
        spec.put("timeout", timeoutSeconds);
        spec.put("args", args);
        spec.put("options", options);
        try (OutputStream in = process.getOutputStream()) {
            in.write(new Gson().toJson(spec).getBytes(StandardCharsets.UTF_8));
        }
        return new Call(process);
    }
}
