package org.mpathbus.config.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.mpathbus.config.BlacklistRule;
import org.mpathbus.config.BlacklistVerdict;
import org.mpathbus.config.ConfigProblem;
import org.mpathbus.config.DeviceEntry;
import org.mpathbus.config.EffectiveSettings;
import org.mpathbus.config.MultipathConfig;
import org.mpathbus.config.MultipathEntry;
import org.mpathbus.config.Origin;
import org.mpathbus.config.PathDescription;
import org.mpathbus.config.Setting;
import org.mpathbus.config.internal.Keywords.Keyword;
import org.mpathbus.config.internal.Keywords.Scope;

/**
 * One immutable configuration, with multipath-tools' selection rules (propsel.c: which setting wins for a path);
 * its {@link Blacklist} filters paths (blacklist.c).
 */
final class ConfigSnapshot implements MultipathConfig {

    private static final String QUEUE_IF_NO_PATH = "queue_if_no_path";

    private final long generation;
    private final List<String> files;
    private final List<ConfigProblem> warnings;
    private final Map<String, Value> defaults;
    private final Map<String, Value> overrides;
    private final Map<String, Map<String, Value>> protocolOverrides;
    private final List<HwEntry> hwtable;
    private final Map<String, MpEntry> multipaths;
    private final Blacklist blacklist;
    private final Map<String, String> bindings;
    private final Map<String, String> aliasByWwid;
    private final Set<String> wwids;
    private final String bindingsFile;
    private final java.nio.file.Path configDir;
    /** Matching device entries (last first) by vendor, product and revision: a SAN has few distinct ones. */
    private final Map<String, List<HwEntry>> matchingCache = new java.util.concurrent.ConcurrentHashMap<>();

    ConfigSnapshot(long generation, List<String> files, List<ConfigProblem> warnings, Map<String, Value> defaults,
            Map<String, Value> overrides, Map<String, Map<String, Value>> protocolOverrides, List<HwEntry> hwtable, List<MpEntry> multipaths, List<CompiledRule> blacklist,
            List<CompiledRule> exceptions, Map<String, String> bindings, Set<String> wwids, String bindingsFile, java.nio.file.Path configDir) {
        this.generation = generation;
        this.configDir = configDir;
        this.files = List.copyOf(files);
        this.warnings = List.copyOf(warnings);
        this.defaults = Collections.unmodifiableMap(new LinkedHashMap<>(defaults));
        this.overrides = Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
        Map<String, Map<String, Value>> protocols = new LinkedHashMap<>();
        protocolOverrides.forEach((type, values) -> protocols.put(type, Collections.unmodifiableMap(new LinkedHashMap<>(values))));
        this.protocolOverrides = Collections.unmodifiableMap(protocols);
        this.hwtable = List.copyOf(hwtable);
        Map<String, MpEntry> byWwid = new LinkedHashMap<>();
        multipaths.forEach(m -> byWwid.put(m.wwid(), m));
        this.multipaths = Collections.unmodifiableMap(byWwid);
        this.blacklist = new Blacklist(blacklist, exceptions);
        this.bindings = Collections.unmodifiableMap(new LinkedHashMap<>(bindings));
        Map<String, String> reverse = new LinkedHashMap<>();
        bindings.forEach((alias, wwid) -> reverse.putIfAbsent(wwid, alias));
        this.aliasByWwid = reverse;
        this.wwids = Collections.unmodifiableSet(new LinkedHashSet<>(wwids));
        this.bindingsFile = bindingsFile;
    }

    /** The same configuration under another generation number. */
    ConfigSnapshot withGeneration(long value) {
        return new ConfigSnapshot(value, files, warnings, defaults, overrides, protocolOverrides, hwtable, List.copyOf(multipaths.values()),
                blacklist.compiledRules(), blacklist.compiledExceptions(), bindings, wwids, bindingsFile, configDir);
    }

    @Override
    public java.nio.file.Path configDir() {
        return configDir;
    }

    @Override
    public long generation() {
        return generation;
    }

    @Override
    public List<String> configFiles() {
        return files;
    }

    @Override
    public List<ConfigProblem> warnings() {
        return warnings;
    }

    @Override
    public EffectiveSettings defaults() {
        Map<String, Setting> out = new LinkedHashMap<>();
        for (Keyword k : Keywords.all()) {
            if (k.scopes().contains(Scope.DEFAULTS)) {
                fromDefaults(k).ifPresent(s -> out.put(k.name(), s));
            }
        }
        fillMaxPollingInterval(out);
        return new EffectiveSettings(out);
    }

    @Override
    public EffectiveSettings settingsFor(PathDescription path) {
        List<HwEntry> matching = matchingCache.computeIfAbsent(
                path.vendor() + "\0" + path.product() + "\0" + path.revision(), key -> matching(path));
        MpEntry mpe = multipaths.get(path.wwid());
        Map<String, Setting> out = new LinkedHashMap<>();
        for (Keyword k : Keywords.all()) {
            if (!Keywords.identifying(k.name())) {
                select(k, mpe, protocolOverrides.get(path.protocol()), matching).ifPresent(s -> out.put(k.name(), s));
            }
        }
        fillMaxPollingInterval(out);
        pairPrioArgs(mpe, matching, out);
        reconcileQueueing(out);
        alias(path.wwid(), mpe, out);
        return new EffectiveSettings(out);
    }

    /** The device entries that match the path, the last one in the table first. */
    private List<HwEntry> matching(PathDescription path) {
        List<HwEntry> matching = new ArrayList<>();
        for (HwEntry hwe : hwtable) {
            if (hwe.matches(path.vendor(), path.product(), path.revision())) {
                matching.add(0, hwe);
            }
        }
        return List.copyOf(matching);
    }

    /**
     * multipaths, overrides (its protocol subsection for the path's protocol first), devices (last matching
     * entry first), defaults, built-in: the first that sets it.
     */
    private Optional<Setting> select(Keyword k, MpEntry mpe, Map<String, Value> protocol, List<HwEntry> matching) {
        String name = k.name();
        if (mpe != null && k.scopes().contains(Scope.MULTIPATH) && isSet(name, mpe.attributes().get(name))) {
            return Optional.of(setting(name, mpe.attributes().get(name), Origin.MULTIPATHS));
        }
        if (protocol != null && k.scopes().contains(Scope.OVERRIDES_PROTOCOL) && isSet(name, protocol.get(name))) {
            return Optional.of(setting(name, protocol.get(name), Origin.OVERRIDES));
        }
        if (k.scopes().contains(Scope.OVERRIDES) && isSet(name, overrides.get(name))) {
            return Optional.of(setting(name, overrides.get(name), Origin.OVERRIDES));
        }
        if (k.scopes().contains(Scope.DEVICE)) {
            for (HwEntry hwe : matching) {
                Value v = hwe.attributes.get(name);
                if (isSet(name, v)) {
                    String source = hwe.builtin ? ConfigAssembler.BUILTIN_HWTABLE + " " + hwe.vendor + ":" + hwe.product
                            : v.source();
                    return Optional.of(new Setting(name, v.value(), Origin.DEVICES, source));
                }
            }
        }
        return k.scopes().contains(Scope.DEFAULTS) || k.builtin() != null ? fromDefaults(k) : Optional.empty();
    }

    /**
     * multipath-tools takes prio and prio_args as a pair from the layer (the entry) that sets prio; prio_args
     * missing there means no arguments.
     */
    private void pairPrioArgs(MpEntry mpe, List<HwEntry> matching, Map<String, Setting> out) {
        Setting prio = out.get("prio");
        Map<String, Value> layer = switch (prio.origin()) {
            case MULTIPATHS -> mpe.attributes();
            case OVERRIDES -> overrides;
            case DEVICES -> matching.stream().filter(h -> h.attributes.containsKey("prio")).findFirst()
                    .map(h -> h.attributes).orElseThrow();
            case DEFAULTS -> defaults;
            case BUILTIN -> Map.of();
        };
        Value args = layer.get("prio_args");
        out.put("prio_args", new Setting("prio_args", args == null ? "" : args.value(), prio.origin(),
                args == null ? prio.source() : args.source()));
    }

    private Optional<Setting> fromDefaults(Keyword k) {
        Value v = defaults.get(k.name());
        if (isSet(k.name(), v)) {
            return Optional.of(setting(k.name(), v, Origin.DEFAULTS));
        }
        return Optional.ofNullable(k.builtin()).map(b -> new Setting(k.name(), b, Origin.BUILTIN, ConfigAssembler.BUILTIN));
    }

    private static boolean isSet(String keyword, Value v) {
        return v != null && !(v.value().isEmpty() && Keywords.unsetWhenEmpty(keyword));
    }

    private static Setting setting(String keyword, Value v, Origin origin) {
        return new Setting(keyword, v.value(), origin, v.source());
    }

    /** Unset (or 0) max_polling_interval is four times polling_interval. */
    private static void fillMaxPollingInterval(Map<String, Setting> out) {
        if (!out.containsKey("max_polling_interval") && out.containsKey("polling_interval")) {
            long polling = Long.parseLong(out.get("polling_interval").value());
            Map<String, Setting> ordered = new LinkedHashMap<>();
            out.forEach((k, s) -> {
                ordered.put(k, s);
                if (k.equals("polling_interval")) {
                    ordered.put("max_polling_interval", new Setting("max_polling_interval", Long.toString(4 * polling),
                            Origin.BUILTIN, "4 x polling_interval"));
                }
            });
            out.clear();
            out.putAll(ordered);
        }
    }

    /**
     * multipath-tools turns the deprecated feature queue_if_no_path into no_path_retry queue (unless
     * no_path_retry is set) and drops it from features; unset no_path_retry means fail.
     */
    private static void reconcileQueueing(Map<String, Setting> out) {
        Setting features = out.get("features");
        if (features != null && List.of(features.value().split("\\s+")).contains(QUEUE_IF_NO_PATH)) {
            if (!out.containsKey("no_path_retry")) {
                out.put("no_path_retry", new Setting("no_path_retry", "queue", features.origin(), features.source()));
            }
            out.put("features", new Setting("features", removeFeature(features.value(), QUEUE_IF_NO_PATH),
                    features.origin(), features.source()));
        }
        out.putIfAbsent("no_path_retry", new Setting("no_path_retry", "fail", Origin.BUILTIN, ConfigAssembler.BUILTIN));
    }

    static String removeFeature(String features, String feature) {
        List<String> words = new ArrayList<>(List.of(features.strip().split("\\s+")));
        if (words.remove(feature) && !words.isEmpty()) {
            words.set(0, Integer.toString(Integer.parseInt(words.get(0)) - 1));
        }
        return String.join(" ", words);
    }

    private void alias(String wwid, MpEntry mpe, Map<String, Setting> out) {
        if (mpe != null && mpe.attributes().containsKey("alias")) {
            out.put("alias", setting("alias", mpe.attributes().get("alias"), Origin.MULTIPATHS));
        } else if ("yes".equals(valueOf(out, "user_friendly_names")) && aliasByWwid.containsKey(wwid)) {
            out.put("alias", new Setting("alias", aliasByWwid.get(wwid), out.get("user_friendly_names").origin(),
                    bindingsFile));
        }
    }

    private static String valueOf(Map<String, Setting> settings, String keyword) {
        Setting s = settings.get(keyword);
        return s == null ? "" : s.value();
    }

    @Override
    public Optional<String> aliasFor(String wwid) {
        MpEntry mpe = multipaths.get(wwid);
        if (mpe != null && mpe.attributes().containsKey("alias")) {
            return Optional.of(mpe.attributes().get("alias").value());
        }
        Keyword ufn = Keywords.get("user_friendly_names");
        boolean friendly = "yes".equals(select(ufn, mpe, null, List.of()).map(Setting::value).orElse("no"));
        return friendly ? Optional.ofNullable(aliasByWwid.get(wwid)) : Optional.empty();
    }

    @Override
    public BlacklistVerdict blacklisted(PathDescription path) {
        return blacklist.verdict(path, () -> settingsFor(path).uidAttribute());
    }

    @Override
    public boolean admits(PathDescription path, int pathsWithSameWwid) {
        if (path.wwid().isEmpty() || blacklisted(path).blacklisted()) {
            return false;
        }
        return switch (defaults().findMultipaths()) {
            case "off", "greedy" -> true;
            case "strict" -> wwids.contains(path.wwid());
            default -> wwids.contains(path.wwid()) || pathsWithSameWwid >= 2;
        };
    }

    @Override
    public List<BlacklistRule> blacklist() {
        return blacklist.rules();
    }

    @Override
    public List<BlacklistRule> blacklistExceptions() {
        return blacklist.exceptions();
    }

    @Override
    public List<DeviceEntry> devices() {
        return hwtable.stream().map(HwEntry::toApi).toList();
    }

    @Override
    public List<MultipathEntry> multipaths() {
        return multipaths.values().stream().map(MpEntry::toApi).toList();
    }

    @Override
    public Map<String, String> overrides() {
        Map<String, String> out = new LinkedHashMap<>();
        overrides.forEach((k, v) -> out.put(k, v.value()));
        return Collections.unmodifiableMap(out);
    }

    @Override
    public Map<String, Map<String, String>> protocolOverrides() {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        protocolOverrides.forEach((type, values) -> {
            Map<String, String> plain = new LinkedHashMap<>();
            values.forEach((k, v) -> plain.put(k, v.value()));
            out.put(type, Collections.unmodifiableMap(plain));
        });
        return Collections.unmodifiableMap(out);
    }

    @Override
    public Map<String, String> bindings() {
        return bindings;
    }

    @Override
    public Set<String> knownWwids() {
        return wwids;
    }
}
