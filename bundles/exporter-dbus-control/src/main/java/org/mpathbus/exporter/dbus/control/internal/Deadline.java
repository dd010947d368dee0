package org.mpathbus.exporter.dbus.control.internal;

import java.time.Duration;

/** The end of one call's time, on the monotonic clock: what is left of it goes to each step in turn. */
final class Deadline {

    private final Duration total;
    private final long endNanos;

    private Deadline(Duration total, long endNanos) {
        this.total = total;
        this.endNanos = endNanos;
    }

    static Deadline after(Duration total) {
        return new Deadline(total, System.nanoTime() + total.toNanos());
    }

    /** The call's one deadline, which started when it arrived ({@code total} long), ending at {@code endNanos}. */
    static Deadline until(long endNanos, Duration total) {
        return new Deadline(total, endNanos);
    }

    /** What is left, never negative. */
    Duration remaining() {
        return Duration.ofNanos(Math.max(0, endNanos - System.nanoTime()));
    }

    /** The whole time, as the caller asked for it. */
    Duration total() {
        return total;
    }

    /** The whole time in words, such as "30 s" or "0.5 s". */
    String totalInWords() {
        long millis = total.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis / 1000.0 + " s";
    }
}
