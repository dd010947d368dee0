package org.mpathbus.control.multipathd.internal;

import java.time.Duration;

/** The end of one caller's time, on the monotonic clock: every wait of a call (connect, write, read, retry) takes its bound from here. */
final class Deadline {

    private final long endNanos;
    private final Duration total;

    private Deadline(long endNanos, Duration total) {
        this.endNanos = endNanos;
        this.total = total;
    }

    /** A deadline {@code timeout} from now; a null or negative timeout has already passed. */
    static Deadline after(Duration timeout) {
        Duration total = timeout == null || timeout.isNegative() ? Duration.ZERO : timeout;
        long nanos = total.compareTo(Duration.ofDays(365)) > 0 ? Duration.ofDays(365).toNanos() : total.toNanos();
        return new Deadline(System.nanoTime() + nanos, total);
    }

    /** Milliseconds left, rounded up so that a wait never ends before the deadline; 0 once it passed. */
    int remainingMillis() {
        long nanos = endNanos - System.nanoTime();
        if (nanos <= 0) {
            return 0;
        }
        return (int) Math.min(Integer.MAX_VALUE, (nanos + 999_999) / 1_000_000);
    }

    boolean expired() {
        return endNanos - System.nanoTime() <= 0;
    }

    /** The caller's whole timeout, for messages. */
    Duration total() {
        return total;
    }
}
