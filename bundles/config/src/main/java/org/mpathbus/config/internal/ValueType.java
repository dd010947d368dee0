package org.mpathbus.config.internal;

import java.util.List;
import java.util.function.Consumer;

/**
 * How multipath-tools 0.9.4 reads the value of a keyword. {@link #read} returns the value as
 * multipath-tools prints it back, "" for a value that means "unset" (checker_timeout 0, dev_loss_tmo 0),
 * or null for an invalid value, which multipath-tools ignores after a warning.
 */
@FunctionalInterface
interface ValueType {

    String read(String keyword, String raw, Consumer<String> warn);

    ValueType STRING = (k, raw, warn) -> raw;

    /** "yes"/"1" and "no"/"0", nothing else. */
    ValueType YES_NO = (k, raw, warn) -> switch (raw) {
        case "yes", "1" -> "yes";
        case "no", "0" -> "no";
        default -> invalid(k, raw, warn);
    };

    /** An unsigned number (polling_interval): a sign makes it invalid. */
    static ValueType unsigned(String zeroMeans) {
        return (k, raw, warn) -> {
            String t = raw.strip();
            if (t.startsWith("-")) {
                return invalid(k, raw, warn);
            }
            Long v = parseLong(t);
            if (v == null || v > 0xffffffffL) {
                return invalid(k, raw, warn);
            }
            return v == 0 && zeroMeans != null ? zeroMeans : Long.toString(v);
        };
    }

    /** A number capped into [min, max] with a warning, as multipath-tools' do_set_int does; 0 may mean a word. */
    static ValueType integer(long min, long max, String zeroMeans) {
        return (k, raw, warn) -> {
            Long v = parseLong(raw.strip());
            if (v == null) {
                return invalid(k, raw, warn);
            }
            if (v == 0 && zeroMeans != null) {
                return zeroMeans;
            }
            if (v < min) {
                warn.accept("value for " + k + " too small, capping at " + min);
                v = min;
            } else if (v > max) {
                warn.accept("value for " + k + " too large, capping at " + max);
                v = max;
            }
            return Long.toString(v);
        };
    }

    /** One of the words, else a number read by {@code number}. */
    static ValueType wordOr(List<String> words, ValueType number) {
        return (k, raw, warn) -> words.contains(raw) ? raw : number.read(k, raw, warn);
    }

    /** One of the words, with aliases given as "alias=word". */
    static ValueType oneOf(String... words) {
        return (k, raw, warn) -> {
            for (String w : words) {
                int eq = w.indexOf('=');
                if (eq < 0 ? w.equals(raw) : w.substring(0, eq).equals(raw)) {
                    return eq < 0 ? w : w.substring(eq + 1);
                }
            }
            return invalid(k, raw, warn);
        };
    }

    /** "N arg..." where N counts the words that follow (features, hardware_handler). */
    ValueType COUNTED = (k, raw, warn) -> checkCount(k, raw, 0, warn);

    /** "name N arg..." (path_selector). */
    ValueType NAMED_COUNTED = (k, raw, warn) -> checkCount(k, raw, 1, warn);

    private static String checkCount(String k, String raw, int countAt, Consumer<String> warn) {
        String[] words = raw.strip().split("\\s+");
        if (words.length <= countAt || parseLong(words[countAt]) == null) {
            warn.accept("missing argument count for " + k);
            return null;
        }
        long count = parseLong(words[countAt]);
        long actual = words.length - countAt - 1L;
        if (count != actual) {
            warn.accept("invalid argument count for " + k + ":, got '" + count + "' expected '" + actual + "'");
            return null;
        }
        return raw;
    }

    private static String invalid(String k, String raw, Consumer<String> warn) {
        warn.accept("invalid value for " + k + ": \"" + raw + "\"");
        return null;
    }

    /** strtol in base 10 over the whole text: optional sign, digits, nothing else. */
    static Long parseLong(String t) {
        if (t.isEmpty()) {
            return null;
        }
        int start = t.charAt(0) == '+' || t.charAt(0) == '-' ? 1 : 0;
        if (start == t.length()) {
            return null;
        }
        for (int i = start; i < t.length(); i++) {
            if (!Character.isDigit(t.charAt(i)) || t.charAt(i) > '9') {
                return null;
            }
        }
        try {
            return Long.parseLong(t.charAt(0) == '+' ? t.substring(1) : t);
        } catch (NumberFormatException tooLong) {
            return t.charAt(0) == '-' ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
    }
}
