package org.mpathbus.checker.tur.internal;

import org.mpathbus.api.CheckerState;
import org.mpathbus.api.spi.CheckResult;

/**
 * What one TEST UNIT READY answer means.
 *
 * @param retryable the answer is transient (unit attention, a host adapter hiccup): ask again, and
 *        report {@code state} only if the tries run out
 */
record TurVerdict(CheckerState state, String message, boolean retryable) {

    static TurVerdict of(CheckerState state, String message) {
        return new TurVerdict(state, message, false);
    }

    static TurVerdict retry(String message) {
        return new TurVerdict(CheckerState.DOWN, message, true);
    }

    CheckResult result() {
        return CheckResult.of(state, message);
    }
}
