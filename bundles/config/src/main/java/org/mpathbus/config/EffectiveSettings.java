package org.mpathbus.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The effective value of every keyword multipath-tools resolves for a path and its map, each with its
 * {@link Origin}. Values read as multipath-tools prints them (`multipath -t`, `multipathd show config`):
 * "yes"/"no", "fail"/"queue"/N for no_path_retry, "manual"/"immediate"/"followover"/N for failback.
 * Typed accessors cover what the engine and readers use; {@link #asMap()} holds every keyword.
 */
public final class EffectiveSettings {

    private final Map<String, Setting> settings;

    public EffectiveSettings(Map<String, Setting> settings) {
        this.settings = Collections.unmodifiableMap(new LinkedHashMap<>(settings));
    }

    /** Every resolved keyword, in multipath-tools' print order. */
    public Map<String, Setting> asMap() {
        return settings;
    }

    public Optional<Setting> get(String keyword) {
        return Optional.ofNullable(settings.get(keyword));
    }

    /** The value of a keyword, "" when it is unknown or unset. */
    public String value(String keyword) {
        Setting s = settings.get(keyword);
        return s == null ? "" : s.value();
    }

    /**
     * The configured checker. multipath-tools autodetects where {@link #detectChecker()} is true: a device
     * that reports ALUA (TPGS) gets tur, an RDAC array rdac, whatever is configured; that needs the device
     * and is left to the caller.
     */
    public String pathChecker() { return value("path_checker"); }

    /** Seconds between checks of a healthy path at first. */
    public int pollingInterval() { return Integer.parseInt(value("polling_interval")); }

    /** Seconds a healthy path's check interval may back off to. */
    public int maxPollingInterval() { return Integer.parseInt(value("max_polling_interval")); }

    /** Seconds; 0 means unset: the SCSI device's sysfs timeout applies, else 30 s. */
    public int checkerTimeout() {
        String v = value("checker_timeout");
        return v.isEmpty() ? 0 : Integer.parseInt(v);
    }

    /** "fail", "queue" or a number of polling intervals. */
    public String noPathRetry() { return value("no_path_retry"); }

    public boolean userFriendlyNames() { return "yes".equals(value("user_friendly_names")); }

    /** The map's name as multipath-tools would choose it without allocating a new binding; "" for the WWID. */
    public String alias() { return value("alias"); }

    public String aliasPrefix() { return value("alias_prefix"); }

    public String findMultipaths() { return value("find_multipaths"); }

    public String features() { return value("features"); }

    public String hardwareHandler() { return value("hardware_handler"); }

    public String pathGroupingPolicy() { return value("path_grouping_policy"); }

    public String pathSelector() { return value("path_selector"); }

    public String prio() { return value("prio"); }

    public String prioArgs() { return value("prio_args"); }

    /** "manual", "immediate", "followover" or seconds. */
    public String failback() { return value("failback"); }

    public String rrWeight() { return value("rr_weight"); }

    public String uidAttribute() { return value("uid_attribute"); }

    public boolean detectChecker() { return "yes".equals(value("detect_checker")); }

    public boolean detectPrio() { return "yes".equals(value("detect_prio")); }

    /** Seconds, "off", or "" when unset. */
    public String fastIoFailTmo() { return value("fast_io_fail_tmo"); }

    /** Seconds, "infinity", or "" when unset. */
    public String devLossTmo() { return value("dev_loss_tmo"); }

    public Origin origin(String keyword) {
        return get(keyword).map(Setting::origin).orElse(Origin.BUILTIN);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EffectiveSettings other && settings.equals(other.settings);
    }

    @Override
    public int hashCode() {
        return settings.hashCode();
    }

    @Override
    public String toString() {
        return settings.values().toString();
    }
}
