package org.mpathbus.core.internal.config;

import java.time.Duration;

import org.mpathbus.api.Path;
import org.mpathbus.config.BlacklistVerdict;
import org.mpathbus.config.EffectiveSettings;
import org.mpathbus.config.MultipathConfig;
import org.mpathbus.config.Origin;
import org.mpathbus.config.PathDescription;
import org.mpathbus.core.internal.checks.CheckPlanner;
import org.mpathbus.core.internal.checks.CheckSettings;
import org.mpathbus.core.internal.checks.PathPlan;

/**
 * Plans path checks as multipathd would with one configuration snapshot: the blacklist decides whether a path
 * is checked at all; path_checker (overrides, devices, defaults) which checker, unless the path's source names
 * its own (the simulator's "sim"); polling_interval, max_polling_interval and checker_timeout how often and how
 * long.
 *
 * <p>Where multipath.conf leaves a value to multipath-tools' built-in default (origin BUILTIN), the daemon's
 * own setting of org.mpathbus.core.checks applies instead (default_checker, polling_interval,
 * max_polling_interval, checker_timeout): their defaults are multipath-tools' (tur, 5, 4 x polling, the
 * device's), so both agree unless an administrator changed the daemon's, which then counts. Immutable.
 */
final class MultipathConfPlanner implements CheckPlanner {

    private final MultipathConfig config;
    private final CheckSettings daemonSettings;

    MultipathConfPlanner(MultipathConfig config, CheckSettings daemonSettings) {
        this.config = config;
        this.daemonSettings = daemonSettings;
    }

    CheckSettings daemonSettings() {
        return daemonSettings;
    }

    @Override
    public long generation() {
        return config.generation();
    }

    @Override
    public PathPlan planFor(Path path) {
        PathDescription description = PathDescription.of(path);
        EffectiveSettings settings = config.settingsFor(description);
        String checker = !path.checker().isEmpty() ? path.checker()
                : configured(settings, "path_checker") ? settings.pathChecker() : daemonSettings.defaultChecker();
        // multipath-tools caps these at load time; the floors only keep a plan valid whatever the snapshot says
        Duration polling = configured(settings, "polling_interval")
                ? Duration.ofSeconds(Math.max(1, settings.pollingInterval())) : daemonSettings.pollingInterval();
        Duration max;
        if (configured(settings, "max_polling_interval")) {
            max = Duration.ofSeconds(settings.maxPollingInterval());
        } else if (!daemonSettings.maxPollingInterval().equals(daemonSettings.pollingInterval().multipliedBy(4))) {
            max = daemonSettings.maxPollingInterval();
        } else {
            max = polling.multipliedBy(4);
        }
        Duration timeout = configured(settings, "checker_timeout") && settings.checkerTimeout() > 0
                ? Duration.ofSeconds(settings.checkerTimeout()) : daemonSettings.checkerTimeout();
        BlacklistVerdict verdict = config.blacklisted(description);
        return new PathPlan(checker, polling, max.compareTo(polling) < 0 ? polling : max, timeout,
                verdict.blacklistedBy(), uncheckedBecause(verdict));
    }

    /** Whether multipath.conf (or the hardware table) sets the keyword, rather than leaving it built in. */
    private static boolean configured(EffectiveSettings settings, String keyword) {
        return settings.get(keyword).filter(s -> s.origin() != Origin.BUILTIN && !s.value().isEmpty()).isPresent();
    }

    /** 'blacklisted by devnode "^sda$" (/etc/multipath.conf:7)', multipath's own words without a rule, or "". */
    static String uncheckedBecause(BlacklistVerdict verdict) {
        if (!verdict.blacklisted()) {
            return "";
        }
        return verdict.rule().map(rule -> "blacklisted by " + rule).orElse(verdict.reason());
    }

    @Override
    public boolean appliesBlacklist() {
        return true;
    }

    @Override
    public String toString() {
        return "multipath configuration generation " + config.generation();
    }
}
