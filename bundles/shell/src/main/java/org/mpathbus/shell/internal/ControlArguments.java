package org.mpathbus.shell.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.mpathbus.api.DeviceLookup;
import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.Path;
import org.mpathbus.api.Topology;

/**
 * One control command's words, read against the snapshot it acts on: the option --timeout SECONDS (or -t),
 * --help, and the operands the command takes. Every error says which word is wrong and what would do.
 */
final class ControlArguments {

    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final BigDecimal MAX_TIMEOUT_SECONDS = BigDecimal.valueOf(24 * 3600);

    private final ControlCommand command;
    private final Topology topology;
    private final List<String> operands;
    private final Duration timeout;
    private final boolean help;

    private ControlArguments(ControlCommand command, Topology topology, List<String> operands, Duration timeout,
            boolean help) {
        this.command = command;
        this.topology = topology;
        this.operands = operands;
        this.timeout = timeout;
        this.help = help;
    }

    static ControlArguments parse(ControlCommand command, Topology topology, List<String> words) {
        List<String> operands = new ArrayList<>();
        Duration timeout = DEFAULT_TIMEOUT;
        boolean help = false;
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            if (word.equals("--help") || word.equals("-h")) {
                help = true;
            } else if (word.equals("--timeout") || word.equals("-t")) {
                if (i + 1 == words.size()) {
                    throw usageError(command, word + " needs a number of seconds");
                }
                timeout = timeout(command, words.get(++i));
            } else if (word.startsWith("--timeout=")) {
                timeout = timeout(command, word.substring("--timeout=".length()));
            } else if (word.startsWith("-") && !word.matches("-\\d+")) {
                throw usageError(command, "unknown option '" + word + "'");
            } else {
                operands.add(word);
            }
        }
        if (!help && operands.size() != command.operands.size()) {
            throw usageError(command, "takes " + (command.operands.isEmpty() ? "no operand"
                    : String.join(" ", command.operands)) + ", not " + (operands.isEmpty() ? "nothing"
                    : "'" + String.join(" ", operands) + "'"));
        }
        return new ControlArguments(command, topology, List.copyOf(operands), timeout, help);
    }

    boolean help() {
        return help;
    }

    Duration timeout() {
        return timeout;
    }

    /** The operands as given, for the log. */
    String target() {
        return String.join(" ", operands);
    }

    Path path(int index) {
        String id = operands.get(index);
        return DeviceLookup.findPath(topology, id).orElseThrow(() -> new IllegalArgumentException("no path '" + id
                + "' (give a kernel name such as sdb, /dev/sdb or major:minor; mpath:paths lists them)"));
    }

    MultipathMap map(int index) {
        String id = operands.get(index);
        return DeviceLookup.findMap(topology, id).orElseThrow(() -> new IllegalArgumentException("no map '" + id
                + "' (give a WWID, name, dm-N or major:minor; mpath:maps lists them)"));
    }

    /** A block device's kernel name, with or without /dev/. */
    String device(int index) {
        String device = operands.get(index);
        String bare = device.startsWith("/dev/") ? device.substring("/dev/".length()) : device;
        if (bare.isEmpty() || bare.contains("/")) {
            throw new IllegalArgumentException("'" + device + "' is not a block device's name (give sdb or /dev/sdb)");
        }
        return bare;
    }

    int group(int index) {
        String group = operands.get(index);
        try {
            return Integer.parseInt(group);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("the path group must be a number (1 is the first), not '" + group
                    + "'");
        }
    }

    boolean onOff(int index) {
        String value = operands.get(index).toLowerCase(Locale.ROOT);
        switch (value) {
            case "on":
                return true;
            case "off":
                return false;
            default:
                throw new IllegalArgumentException("queueing must be on or off, not '" + operands.get(index) + "'");
        }
    }

    String text(int index) {
        return operands.get(index);
    }

    private static Duration timeout(ControlCommand command, String seconds) {
        BigDecimal value;
        try {
            value = new BigDecimal(seconds);
        } catch (NumberFormatException e) {
            throw usageError(command, "--timeout takes seconds, not '" + seconds + "'");
        }
        if (value.signum() <= 0 || value.compareTo(MAX_TIMEOUT_SECONDS) > 0) {
            throw usageError(command, "--timeout must be more than 0 and at most " + MAX_TIMEOUT_SECONDS
                    + " seconds, not " + seconds);
        }
        return Duration.ofNanos(value.movePointRight(9).longValue());
    }

    private static IllegalArgumentException usageError(ControlCommand command, String problem) {
        return new IllegalArgumentException("mpath:" + command.function + ": " + problem + "; usage: "
                + command.usage());
    }
}
