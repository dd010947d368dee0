package org.mpathbus.exporter.dbus.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import org.mpathbus.exporter.dbus.spi.BusError;

/**
 * What a call to us may carry, decided at the bus edge before anything is logged, copied or parsed further.
 * A whole message larger than {@link #MAX_CALL_BYTES} is refused on the reader thread, before its arguments
 * are unmarshalled; then each decoded argument is held to its own limit. Every refusal is InvalidArgs saying
 * which argument, its limit and its size, never the argument itself.
 */
final class ArgumentLimits {

    /** A string or object path argument: a WWID (multipath-tools' WWID_SIZE is 128), a dm name (DM_NAME_LEN
     * 128), /dev/mapper/NAME, an object path of a group. */
    static final int MAX_STRING_CHARS = 256;
    static final int MAX_OPTIONS = 16;
    static final int MAX_OPTION_KEY_CHARS = 64;
    /** Elements of an array or dictionary inside an option's value. */
    static final int MAX_ELEMENTS = 16;
    /** A whole method call: every method of ours with every option at its limit fits several times over. */
    static final int MAX_CALL_BYTES = 16 * 1024;

    private ArgumentLimits() {
    }

    /** Refuses a message whose wire size is beyond {@link #MAX_CALL_BYTES}; null when it is within. */
    static String oversized(long bytes) {
        return bytes <= MAX_CALL_BYTES ? null
                : "the call is " + bytes + " bytes; no method of " + ObjectPaths.BUS_NAME + " takes more than "
                        + MAX_CALL_BYTES;
    }

    /** Checks the arguments (before the options), the {@code index}-th named by its position. */
    static void checkArguments(String method, List<Object> arguments) throws BusError {
        for (int i = 0; i < arguments.size(); i++) {
            check(method + ": argument " + (i + 1), arguments.get(i));
        }
    }

    /** Checks the trailing a{sv}: how many entries, each key's length and each value's size. */
    static void checkOptions(String method, Map<String, Object> options) throws BusError {
        if (options.size() > MAX_OPTIONS) {
            throw new BusError(BusError.INVALID_ARGS, method + ": options have " + options.size()
                    + " entries; at most " + MAX_OPTIONS);
        }
        for (Map.Entry<String, Object> option : options.entrySet()) {
            String key = option.getKey();
            if (key.length() > MAX_OPTION_KEY_CHARS) {
                throw new BusError(BusError.INVALID_ARGS, method + ": an option's name is " + key.length()
                        + " characters; at most " + MAX_OPTION_KEY_CHARS);
            }
            check(method + ": option " + key, option.getValue());
        }
    }

    private static void check(String what, Object value) throws BusError {
        if (value instanceof String text) {
            if (text.length() > MAX_STRING_CHARS) {
                throw new BusError(BusError.INVALID_ARGS, what + " is " + text.length() + " characters; at most "
                        + MAX_STRING_CHARS);
            }
        } else if (value instanceof Collection<?> elements) {
            within(what, elements.size());
            for (Object element : elements) {
                check(what, element);
            }
        } else if (value instanceof Map<?, ?> entries) {
            within(what, entries.size());
            for (Map.Entry<?, ?> entry : entries.entrySet()) {
                check(what, entry.getKey());
                check(what, entry.getValue());
            }
        }
    }

    private static void within(String what, int size) throws BusError {
        if (size > MAX_ELEMENTS) {
            throw new BusError(BusError.INVALID_ARGS, what + " has " + size + " elements; at most " + MAX_ELEMENTS);
        }
    }
}
