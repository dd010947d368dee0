package org.mpathbus.api.spi;

import java.util.Objects;

import org.mpathbus.api.CheckerState;

/**
 * A checker's verdict on one path.
 *
 * @param message what a person reads, such as "not ready: ALUA standby"
 */
public record CheckResult(CheckerState state, String message) {

    public CheckResult {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(message, "message");
    }

    public static CheckResult of(CheckerState state, String message) {
        return new CheckResult(state, message);
    }
}
