package org.mpathbus.api.statistics;

import java.util.Objects;

/** How many checks a checker ran (answered, late or not) and how many of them outlived their timeout. */
public final class CheckerCounts {

    private final String checker;
    private final long checksRun;
    private final long checksTimedOut;

    public CheckerCounts(String checker, long checksRun, long checksTimedOut) {
        this.checker = Objects.requireNonNull(checker, "checker");
        this.checksRun = checksRun;
        this.checksTimedOut = checksTimedOut;
    }

    public String checker() {
        return checker;
    }

    public long checksRun() {
        return checksRun;
    }

    public long checksTimedOut() {
        return checksTimedOut;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CheckerCounts that && checker.equals(that.checker) && checksRun == that.checksRun
                && checksTimedOut == that.checksTimedOut;
    }

    @Override
    public int hashCode() {
        return Objects.hash(checker, checksRun, checksTimedOut);
    }

    @Override
    public String toString() {
        return "CheckerCounts[" + checker + ": run=" + checksRun + ", timedOut=" + checksTimedOut + "]";
    }
}
