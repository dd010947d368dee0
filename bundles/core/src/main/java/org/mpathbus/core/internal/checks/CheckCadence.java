package org.mpathbus.core.internal.checks;

import java.time.Duration;

import org.mpathbus.api.CheckerState;

/**
 * When one path is checked next, as multipathd does it: every polling_interval; while the path stays
 * healthy (usable and unchanged) the interval doubles up to max_polling_interval; any change of state, or
 * an unhealthy state, brings it back to polling_interval. Pure arithmetic on the times it is given, so
 * it is tested with a fake clock. Not thread-safe: its owner guards it.
 */
final class CheckCadence {

    private final long baseNanos;
    private final long maxNanos;
    private long intervalNanos;
    private CheckerState lastState;

    CheckCadence(Duration pollingInterval, Duration maxPollingInterval) {
        if (pollingInterval.isNegative() || pollingInterval.isZero()) {
            throw new IllegalArgumentException("polling interval must be positive, not " + pollingInterval);
        }
        this.baseNanos = pollingInterval.toNanos();
        this.maxNanos = Math.max(baseNanos, maxPollingInterval.toNanos());
        this.intervalNanos = baseNanos;
    }

    /** Records the state a check found at {@code nowNanos}; returns when the next check is due. */
    long nextDue(long nowNanos, CheckerState state) {
        if (state == lastState && state.isUsable()) {
            intervalNanos = Math.min(maxNanos, intervalNanos * 2);
        } else {
            intervalNanos = baseNanos;
        }
        lastState = state;
        return nowNanos + intervalNanos;
    }

    /** Forgets the history: the path changed (device state, checker), so it is watched closely again. */
    void reset() {
        intervalNanos = baseNanos;
        lastState = null;
    }

    /** The interval now in force. */
    Duration interval() {
        return Duration.ofNanos(intervalNanos);
    }
}
