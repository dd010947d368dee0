package org.mpathbus.checker.tur.internal;

import java.time.Duration;
import java.util.function.LongSupplier;

import org.mpathbus.api.spi.CheckResult;
import org.mpathbus.checker.support.ErrnoException;

/**
 * One check: TEST UNIT READY, asked again on a transient answer (unit attention, host adapter hiccup) up to
 * {@value #MAX_TRIES} tries in all, as multipath-tools does. All tries share the check's timeout, so a check
 * never outlives it by more than the kernel's own abort handling.
 */
final class TestUnitReady {

    static final int MAX_TRIES = 5;

    private final LongSupplier nanoClock;

    TestUnitReady(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    CheckResult run(TurCommand device, Duration timeout) throws ErrnoException {
        long budget = timeout.toNanos();
        long start = nanoClock.getAsLong();
        TurVerdict verdict = null;
        int tries = 0;
        while (tries < MAX_TRIES) {
            long remaining = budget - (nanoClock.getAsLong() - start);
            if (tries > 0 && remaining <= 0) {
                break;
            }
            tries++;
            verdict = TurDecoder.decode(device.send(sgTimeoutMillis(remaining)));
            if (!verdict.retryable()) {
                return verdict.result();
            }
        }
        return CheckResult.of(verdict.state(),
                verdict.message() + ", still after " + tries + (tries == 1 ? " try" : " tries"));
    }

    /** sg_io_hdr.timeout is unsigned milliseconds, and UINT_MAX would mean "never": keep it in 1..INT_MAX. */
    static int sgTimeoutMillis(long nanos) {
        long millis = nanos / 1_000_000 + (nanos % 1_000_000 == 0 ? 0 : 1);
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, millis));
    }
}
