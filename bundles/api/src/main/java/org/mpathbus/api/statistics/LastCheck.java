package org.mpathbus.api.statistics;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A path's last check that its checker answered: when the answer came and how long the call took. */
public final class LastCheck {

    private final Instant finished;
    private final Duration duration;

    public LastCheck(Instant finished, Duration duration) {
        this.finished = Objects.requireNonNull(finished, "finished");
        this.duration = Objects.requireNonNull(duration, "duration");
    }

    public Instant finished() {
        return finished;
    }

    public Duration duration() {
        return duration;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof LastCheck that && finished.equals(that.finished) && duration.equals(that.duration);
    }

    @Override
    public int hashCode() {
        return Objects.hash(finished, duration);
    }

    @Override
    public String toString() {
        return "LastCheck[finished=" + finished + ", duration=" + duration + "]";
    }
}
