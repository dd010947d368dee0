package org.mpathbus.core.internal.checks;

import java.time.Duration;
import java.util.Objects;

/**
 * How one path is checked: by which checker, how often, for how long at most, or not at all.
 *
 * @param checkerTimeout zero means the device's own command timeout (sysfs), else 30 s
 * @param blacklistedBy the rule that excludes the path from checks, with its origin (what {@link
 *        org.mpathbus.api.Path#blacklistedBy()} carries), "" when it is checked
 * @param uncheckedBecause the checker message of a blacklisted path ("blacklisted by devnode ..."), "" when
 *        it is checked
 */
public record PathPlan(String checker, Duration pollingInterval, Duration maxPollingInterval,
        Duration checkerTimeout, String blacklistedBy, String uncheckedBecause) {

    public PathPlan {
        Objects.requireNonNull(checker, "checker");
        Objects.requireNonNull(blacklistedBy, "blacklistedBy");
        Objects.requireNonNull(uncheckedBecause, "uncheckedBecause");
        requireValid(pollingInterval, maxPollingInterval, checkerTimeout);
    }

    /** The rules both a plan and the daemon's settings keep: a positive interval, a maximum not below it. */
    static void requireValid(Duration pollingInterval, Duration maxPollingInterval, Duration checkerTimeout) {
        if (pollingInterval.isZero() || pollingInterval.isNegative()) {
            throw new IllegalArgumentException("polling interval must be positive, not " + pollingInterval);
        }
        if (maxPollingInterval.compareTo(pollingInterval) < 0) {
            throw new IllegalArgumentException("max polling interval " + maxPollingInterval
                    + " is shorter than the polling interval " + pollingInterval);
        }
        if (checkerTimeout.isNegative()) {
            throw new IllegalArgumentException("checker timeout must not be negative, not " + checkerTimeout);
        }
    }

    public boolean blacklisted() {
        return !blacklistedBy.isEmpty();
    }

    /** Whether a path moving from {@code this} to {@code next} needs a fresh cadence. */
    boolean sameCadence(PathPlan next) {
        return pollingInterval.equals(next.pollingInterval) && maxPollingInterval.equals(next.maxPollingInterval);
    }
}
