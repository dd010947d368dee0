package org.mpathbus.core.internal.config;

import java.time.Duration;

import org.mpathbus.api.Path;
import org.mpathbus.config.BlacklistVerdict;
import org.mpathbus.config.EffectiveSettings;
import org.mpathbus.config.MultipathConfig;
import org.mpathbus.config.PathDescription;
import org.mpathbus.core.internal.checks.CheckPlanner;
import org.mpathbus.core.internal.checks.PathPlan;

/**
 * Plans path checks as multipathd would with one configuration snapshot: the blacklist decides whether a path
 * is checked at all; path_checker (overrides, devices, defaults) which checker, unless the path's source names
 * its own (the simulator's "sim"); polling_interval, max_polling_interval and checker_timeout how often and how
 * long. Immutable.
 */
final class MultipathConfPlanner implements CheckPlanner {

    private final MultipathConfig config;

    MultipathConfPlanner(MultipathConfig config) {
        this.config = config;
    }

    @Override
    public long generation() {
        return config.generation();
    }

    @Override
    public PathPlan planFor(Path path) {
        PathDescription description = PathDescription.of(path);
        EffectiveSettings settings = config.settingsFor(description);
        String checker = path.checker().isEmpty() ? settings.pathChecker() : path.checker();
        // multipath-tools caps these at load time; the floor only keeps a plan valid whatever the snapshot says
        int polling = Math.max(1, settings.pollingInterval());
        int max = Math.max(polling, settings.maxPollingInterval());
        int timeout = Math.max(0, settings.checkerTimeout());
        return new PathPlan(checker, Duration.ofSeconds(polling), Duration.ofSeconds(max), Duration.ofSeconds(timeout),
                blacklistedBy(config.blacklisted(description)));
    }

    /** "blacklisted by devnode "^sd[a-c]" (/etc/multipath.conf:7)", multipath's own words without a rule, or "". */
    static String blacklistedBy(BlacklistVerdict verdict) {
        if (!verdict.blacklisted()) {
            return "";
        }
        return verdict.rule().map(rule -> "blacklisted by " + rule).orElse(verdict.reason());
    }

    @Override
    public String toString() {
        return "multipath configuration generation " + config.generation();
    }
}
