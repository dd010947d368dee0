package org.mpathbus.core.internal.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import org.mpathbus.config.BlacklistCriterion;
import org.mpathbus.config.BlacklistRule;
import org.mpathbus.config.BlacklistVerdict;
import org.mpathbus.config.ConfigProblem;
import org.mpathbus.config.DeviceEntry;
import org.mpathbus.config.EffectiveSettings;
import org.mpathbus.config.MultipathConfig;
import org.mpathbus.config.MultipathConfigListener;
import org.mpathbus.config.MultipathConfiguration;
import org.mpathbus.config.MultipathEntry;
import org.mpathbus.config.Origin;
import org.mpathbus.config.PathDescription;
import org.mpathbus.config.Setting;

/**
 * A multipath configuration service without files: defaults, a devices section keyed by vendor (its
 * path_checker), and devnode blacklist rules; counts how often a path is evaluated. {@link #reload} puts a
 * new configuration in force (generation + 1) and tells the listeners, as the real service does.
 */
public final class FakeMultipathConfiguration implements MultipathConfiguration {

    /** What one fake configuration says. */
    public record Values(String pathChecker, int pollingInterval, int maxPollingInterval, String checkerTimeout,
            Map<String, String> deviceCheckers, List<String> blacklistedDevnodes) {

        public static Values defaults() {
            return new Values("tur", 5, 20, "", Map.of(), List.of());
        }

        /** Nothing set in the defaults section: multipath-tools' built-in values, with origin BUILTIN. */
        public static Values builtin() {
            return new Values(null, 0, 0, "", Map.of(), List.of());
        }

        public Values pathChecker(String checker) {
            return new Values(checker, pollingInterval, maxPollingInterval, checkerTimeout, deviceCheckers,
                    blacklistedDevnodes);
        }

        public Values polling(int polling, int max, String timeout) {
            return new Values(pathChecker, polling, max, timeout, deviceCheckers, blacklistedDevnodes);
        }

        public Values device(String vendor, String checker) {
            Map<String, String> devices = new LinkedHashMap<>(deviceCheckers);
            devices.put(vendor, checker);
            return new Values(pathChecker, pollingInterval, maxPollingInterval, checkerTimeout, devices,
                    blacklistedDevnodes);
        }

        public Values blacklistDevnode(String... regexes) {
            return new Values(pathChecker, pollingInterval, maxPollingInterval, checkerTimeout, deviceCheckers,
                    List.of(regexes));
        }
    }

    public final AtomicInteger evaluations = new AtomicInteger();
    public final List<MultipathConfigListener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile Config current;

    public FakeMultipathConfiguration(Values values) {
        current = new Config(1, values);
    }

    public void reload(Values values) {
        Config previous = current;
        current = new Config(previous.generation + 1, values);
        listeners.forEach(l -> l.configurationChanged(previous, current, List.of("changed")));
    }

    @Override
    public MultipathConfig current() {
        return current;
    }

    @Override
    public Optional<ConfigProblem> lastError() {
        return Optional.empty();
    }

    @Override
    public Optional<ConfigProblem> reload() {
        return Optional.empty();
    }

    private final class Config implements MultipathConfig {
        final long generation;
        final Values values;

        Config(long generation, Values values) {
            this.generation = generation;
            this.values = values;
        }

        @Override
        public long generation() {
            return generation;
        }

        @Override
        public EffectiveSettings settingsFor(PathDescription path) {
            evaluations.incrementAndGet();
            Map<String, Setting> settings = new LinkedHashMap<>();
            String deviceChecker = values.deviceCheckers().get(path.vendor());
            settings.put("path_checker", deviceChecker != null
                    ? new Setting("path_checker", deviceChecker, Origin.DEVICES, "/etc/multipath.conf:12")
                    : values.pathChecker() == null ? new Setting("path_checker", "tur", Origin.BUILTIN, "built-in")
                    : new Setting("path_checker", values.pathChecker(), Origin.DEFAULTS, "/etc/multipath.conf:2"));
            settings.put("polling_interval", values.pollingInterval() == 0
                    ? new Setting("polling_interval", "5", Origin.BUILTIN, "built-in")
                    : new Setting("polling_interval", "" + values.pollingInterval(), Origin.DEFAULTS,
                            "/etc/multipath.conf:3"));
            settings.put("max_polling_interval", values.maxPollingInterval() == 0
                    ? new Setting("max_polling_interval", "" + 4 * Math.max(5, values.pollingInterval()),
                            Origin.BUILTIN, "4 x polling_interval")
                    : new Setting("max_polling_interval", "" + values.maxPollingInterval(), Origin.DEFAULTS,
                            "/etc/multipath.conf:4"));
            settings.put("checker_timeout", new Setting("checker_timeout", values.checkerTimeout(), Origin.DEFAULTS,
                    "/etc/multipath.conf:5"));
            return new EffectiveSettings(settings);
        }

        @Override
        public BlacklistVerdict blacklisted(PathDescription path) {
            for (int i = 0; i < values.blacklistedDevnodes().size(); i++) {
                String regex = values.blacklistedDevnodes().get(i);
                if (Pattern.compile(regex).matcher(path.devnode()).find()) {
                    BlacklistRule rule = new BlacklistRule(BlacklistCriterion.DEVNODE, regex, "", "", false,
                            "/etc/multipath.conf:" + (7 + i));
                    return new BlacklistVerdict(Optional.of(BlacklistCriterion.DEVNODE), Optional.of(rule), List.of(),
                            path.devnode() + ": device node name blacklisted");
                }
            }
            return new BlacklistVerdict(Optional.empty(), Optional.empty(), List.of(), path.devnode()
                    + ": not blacklisted");
        }

        @Override
        public List<String> configFiles() {
            return List.of("/etc/multipath.conf");
        }

        @Override
        public List<ConfigProblem> warnings() {
            return List.of();
        }

        @Override
        public EffectiveSettings defaults() {
            return settingsFor(PathDescription.of("", "", "", ""));
        }

        @Override
        public boolean admits(PathDescription path, int pathsWithSameWwid) {
            return !blacklisted(path).blacklisted();
        }

        @Override
        public List<BlacklistRule> blacklist() {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<BlacklistRule> blacklistExceptions() {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<DeviceEntry> devices() {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<MultipathEntry> multipaths() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<String, String> overrides() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Map<String, Map<String, String>> protocolOverrides() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<String> aliasFor(String wwid) {
            return Optional.empty();
        }

        @Override
        public Map<String, String> bindings() {
            return Map.of();
        }

        @Override
        public Set<String> knownWwids() {
            return Set.of();
        }
    }
}
