package org.mpathbus.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition by polling until a deadline; never a fixed sleep. */
public final class Await {

    /**
     * Long enough for a loaded 2-core machine (CI, or a team building beside the tests); a passing test
     * returns as soon as its condition holds, so only a failure waits this long.
     */
    public static final Duration DEFAULT = Duration.ofSeconds(60);

    private static final long POLL_MILLIS = 20;

    private Await() {
    }

    /** Returns once {@code condition} holds; fails naming {@code what} when the deadline passes first. */
    public static void until(String what, BooleanSupplier condition) {
        until(what, DEFAULT, condition);
    }

    public static void until(String what, Duration timeout, BooleanSupplier condition) {
        until(what, timeout, condition, () -> "");
    }

    /**
     * Like {@link #until(String, Duration, BooleanSupplier)}; {@code state} describes what was seen last, for
     * the failure message.
     */
    public static void until(String what, Duration timeout, BooleanSupplier condition, Supplier<String> state) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                String seen = state.get();
                throw new AssertionError("timed out after " + timeout.toSeconds() + " s waiting for " + what
                        + (seen.isEmpty() ? "" : "; last seen: " + seen));
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for " + what, e);
            }
        }
    }
}
