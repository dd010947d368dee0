package org.mpathbus.core.internal.checks;

import static org.junit.Assert.assertEquals;

import java.time.Duration;

import org.junit.Test;
import org.mpathbus.api.CheckerState;

public class CheckCadenceTest {

    private static final long SECOND = 1_000_000_000L;

    /** A fake clock: the test moves it to each due time. */
    private long now = 1_000 * SECOND;
    private final CheckCadence cadence = new CheckCadence(Duration.ofSeconds(5), Duration.ofSeconds(20));

    private long check(CheckerState state) {
        long due = cadence.nextDue(now, state);
        long delay = (due - now) / SECOND;
        now = due;
        return delay;
    }

    @Test
    public void aHealthyPathBacksOffByDoublingUpToTheMaximum() {
        assertEquals(5, check(CheckerState.UP));
        assertEquals(10, check(CheckerState.UP));
        assertEquals(20, check(CheckerState.UP));
        assertEquals(20, check(CheckerState.UP));
    }

    @Test
    public void aStateChangeResetsToThePollingInterval() {
        check(CheckerState.UP);
        check(CheckerState.UP);
        assertEquals(20, check(CheckerState.UP));
        assertEquals(5, check(CheckerState.GHOST));
        assertEquals(10, check(CheckerState.GHOST));
    }

    @Test
    public void anUnhealthyPathIsCheckedEveryPollingIntervalEvenWhenUnchanged() {
        assertEquals(5, check(CheckerState.DOWN));
        assertEquals(5, check(CheckerState.DOWN));
        assertEquals(5, check(CheckerState.TIMEOUT));
        assertEquals(5, check(CheckerState.UP));
        assertEquals(10, check(CheckerState.UP));
    }

    @Test
    public void resetForgetsTheHistory() {
        check(CheckerState.UP);
        check(CheckerState.UP);
        cadence.reset();
        assertEquals(Duration.ofSeconds(5), cadence.interval());
        assertEquals(5, check(CheckerState.UP));
        assertEquals(10, check(CheckerState.UP));
    }

    @Test
    public void dueTimesFollowTheClockGiven() {
        assertEquals(now + 5 * SECOND, cadence.nextDue(now, CheckerState.UP));
        now += 7 * SECOND;
        assertEquals(now + 10 * SECOND, cadence.nextDue(now, CheckerState.UP));
    }

    @Test
    public void aMaximumBelowTheIntervalMeansNoBackOff() {
        CheckCadence flat = new CheckCadence(Duration.ofSeconds(5), Duration.ofSeconds(1));
        assertEquals(5 * SECOND, flat.nextDue(0, CheckerState.UP));
        assertEquals(15 * SECOND, flat.nextDue(10 * SECOND, CheckerState.UP));
    }
}
