package org.mpathbus.core.internal.checks;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;

import org.mpathbus.api.Path;

/**
 * Validated check settings. {@code checkerTimeout} zero means "ask the device" (sysfs), then 30 s.
 */
public record CheckSettings(Duration pollingInterval, Duration maxPollingInterval, Duration checkerTimeout,
        String defaultChecker, int workers) {

    static final Duration FALLBACK_TIMEOUT = Duration.ofSeconds(30);
    private static final Logger LOG = System.getLogger(CheckSettings.class.getName());

    public CheckSettings {
        Objects.requireNonNull(defaultChecker, "defaultChecker");
        PathPlan.requireValid(pollingInterval, maxPollingInterval, checkerTimeout);
        if (workers < 1) {
            throw new IllegalArgumentException("check workers must be at least 1, not " + workers);
        }
    }

    /**
     * Reads the configuration; a bad value is logged with its key and replaced by its default, so a typo
     * in a .cfg file never stops checking.
     */
    public static CheckSettings from(ChecksConfiguration config) {
        int polling = config.polling__interval();
        if (polling < 1) {
            LOG.log(Level.ERROR, "{0}: polling_interval must be at least 1, not {1}; using 5", ChecksConfiguration.PID,
                    polling);
            polling = 5;
        }
        int max = config.max__polling__interval();
        if (max != 0 && max < polling) {
            LOG.log(Level.ERROR, "{0}: max_polling_interval {1} is below polling_interval {2}; using 4 x polling_interval",
                    ChecksConfiguration.PID, max, polling);
            max = 0;
        }
        if (max == 0) {
            max = 4 * polling;
        }
        int timeout = config.checker__timeout();
        if (timeout < 0) {
            LOG.log(Level.ERROR, "{0}: checker_timeout must not be negative, not {1}; using the device's own",
                    ChecksConfiguration.PID, timeout);
            timeout = 0;
        }
        String checker = config.default__checker().strip();
        if (checker.isEmpty()) {
            LOG.log(Level.ERROR, "{0}: default_checker is empty; using tur", ChecksConfiguration.PID);
            checker = "tur";
        }
        int workers = config.check__workers();
        if (workers < 1) {
            LOG.log(Level.ERROR, "{0}: check_workers must be at least 1, not {1}; using 4", ChecksConfiguration.PID,
                    workers);
            workers = 4;
        }
        return new CheckSettings(Duration.ofSeconds(polling), Duration.ofSeconds(max), Duration.ofSeconds(timeout),
                checker, workers);
    }

    /** The checker a path uses: its own when its source names one, else the default. */
    public String effectiveChecker(String pathChecker) {
        return pathChecker.isEmpty() ? defaultChecker : pathChecker;
    }

    /** Plans every path with these values, as when no multipath configuration is present. */
    public CheckPlanner planner() {
        return new CheckPlanner() {
            @Override
            public long generation() {
                return Long.MIN_VALUE;
            }

            @Override
            public PathPlan planFor(Path path) {
                return new PathPlan(effectiveChecker(path.checker()), pollingInterval, maxPollingInterval,
                        checkerTimeout, "", "");
            }

            @Override
            public String toString() {
                return "the values of " + ChecksConfiguration.PID;
            }
        };
    }
}
