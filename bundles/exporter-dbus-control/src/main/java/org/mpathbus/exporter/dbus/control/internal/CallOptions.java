package org.mpathbus.exporter.dbus.control.internal;

import java.time.Duration;
import java.util.Map;

import org.mpathbus.exporter.dbus.spi.BusError;
import org.mpathbus.exporter.dbus.spi.CallerText;

/**
 * The trailing a{sv} options of a control method, checked: {@value #TIMEOUT} (seconds as any D-Bus number,
 * default 30, at most 600) and {@value #NO_USER_INTERACTION} (the exporter's, for polkit; accepted here).
 * Anything else is refused, so a misspelt option is not silently ignored.
 */
record CallOptions(Duration timeout) {

    static final String TIMEOUT = "timeout";
    static final String NO_USER_INTERACTION = "auth.no_user_interaction";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    static final Duration MAX_TIMEOUT = Duration.ofSeconds(600);

    static CallOptions parse(Map<String, Object> options) throws BusError {
        Duration timeout = DEFAULT_TIMEOUT;
        for (Map.Entry<String, Object> option : options.entrySet()) {
            switch (option.getKey()) {
            case TIMEOUT:
                timeout = timeout(option.getValue());
                break;
            case NO_USER_INTERACTION:
                break;
            default:
                throw new BusError(BusError.INVALID_ARGS, "unknown option '" + CallerText.quote(option.getKey())
                        + "' (known: "
                        + TIMEOUT + ", " + NO_USER_INTERACTION + ")");
            }
        }
        return new CallOptions(timeout);
    }

    private static Duration timeout(Object value) throws BusError {
        if (!(value instanceof Number number) || value instanceof Boolean) {
            throw new BusError(BusError.INVALID_ARGS, "option '" + TIMEOUT + "' must be a number of seconds, not "
                    + describe(value));
        }
        double seconds = number.doubleValue();
        if (!(seconds > 0) || seconds > MAX_TIMEOUT.toSeconds()) {
            throw new BusError(BusError.INVALID_ARGS, "option '" + TIMEOUT + "' must be more than 0 and at most "
                    + MAX_TIMEOUT.toSeconds() + " seconds, not " + CallerText.quote(value));
        }
        return Duration.ofNanos(Math.round(seconds * 1e9));
    }

    private static String describe(Object value) {
        return value == null ? "nothing" : value.getClass().getSimpleName() + " '" + CallerText.quote(value) + "'";
    }
}
