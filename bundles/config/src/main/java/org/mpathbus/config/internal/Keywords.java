package org.mpathbus.config.internal;

import static org.mpathbus.config.internal.ValueType.COUNTED;
import static org.mpathbus.config.internal.ValueType.NAMED_COUNTED;
import static org.mpathbus.config.internal.ValueType.STRING;
import static org.mpathbus.config.internal.ValueType.YES_NO;
import static org.mpathbus.config.internal.ValueType.integer;
import static org.mpathbus.config.internal.ValueType.oneOf;
import static org.mpathbus.config.internal.ValueType.unsigned;
import static org.mpathbus.config.internal.ValueType.wordOr;

import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The attribute keywords of multipath-tools 0.9.4 (multipath.conf(5) of that version): where each may be
 * written, how its value is read, and its built-in default as `multipath -t` prints it (null when
 * multipath-tools leaves it unset). Listed in multipath-tools' print order.
 */
final class Keywords {

    /** The sections that hold attributes. */
    enum Scope { DEFAULTS, DEVICE, MULTIPATH, OVERRIDES, OVERRIDES_PROTOCOL }

    record Keyword(String name, ValueType type, String builtin, Set<Scope> scopes) {
    }

    private static final Set<Scope> D = EnumSet.of(Scope.DEFAULTS);
    private static final Set<Scope> DVO = EnumSet.of(Scope.DEFAULTS, Scope.DEVICE, Scope.OVERRIDES);
    private static final Set<Scope> DVMO = EnumSet.of(Scope.DEFAULTS, Scope.DEVICE, Scope.MULTIPATH, Scope.OVERRIDES);
    private static final Set<Scope> DMO = EnumSet.of(Scope.DEFAULTS, Scope.MULTIPATH, Scope.OVERRIDES);
    private static final Set<Scope> V = EnumSet.of(Scope.DEVICE);
    private static final Set<Scope> DVOP = EnumSet.of(Scope.DEFAULTS, Scope.DEVICE, Scope.OVERRIDES,
            Scope.OVERRIDES_PROTOCOL);

    private static final long INT_MAX = Integer.MAX_VALUE;
    private static final ValueType NUMBER = integer(Integer.MIN_VALUE, INT_MAX, null);
    private static final ValueType NONNEGATIVE = integer(0, INT_MAX, null);
    /** "no" or a positive number; 0 reads as "no". */
    private static final ValueType NO_OR_POSITIVE = wordOr(List.of("no"), integer(1, INT_MAX, "no"));
    private static final ValueType NO_OR_NONNEGATIVE = wordOr(List.of("no"), integer(0, INT_MAX, "no"));

    private static final Map<String, Keyword> ALL = new LinkedHashMap<>();

    static {
        add("verbosity", integer(0, 4, null), "2", D);
        add("polling_interval", unsigned(null), "5", D);
        add("max_polling_interval", unsigned(""), null, D);
        add("reassign_maps", YES_NO, "no", D);
        add("multipath_dir", STRING, null, D);
        add("path_selector", NAMED_COUNTED, "service-time 0", DVMO);
        add("path_grouping_policy",
                oneOf("failover", "multibus", "group_by_serial", "group_by_prio", "group_by_node_name"), "failover", DVMO);
        add("pg_timeout", STRING, null, EnumSet.of(Scope.DEFAULTS, Scope.DEVICE, Scope.MULTIPATH));
        add("uid_attrs", STRING, null, D);
        add("uid_attribute", STRING, "ID_SERIAL", DVO);
        add("getuid_callout", STRING, null, DVO);
        add("prio", STRING, "const", DVMO);
        add("prio_args", STRING, "", DVMO);
        add("features", COUNTED, "0", DVMO);
        add("path_checker", STRING, "tur", DVO);
        add("alias_prefix", STRING, "mpath", DVO);
        add("failback", wordOr(List.of("manual", "immediate", "followover"), integer(0, INT_MAX, "manual")),
                "manual", DVMO);
        add("rr_min_io", integer(1, INT_MAX, null), "1000", DVMO);
        add("rr_min_io_rq", integer(1, INT_MAX, null), "1", DVMO);
        add("max_fds", wordOr(List.of("max"), integer(0, INT_MAX, null)), "max", D);
        add("rr_weight", oneOf("uniform", "priorities"), "uniform", DVMO);
        add("no_path_retry", wordOr(List.of("fail", "queue"), integer(1, INT_MAX, "fail")), null, DVMO);
        add("queue_without_daemon", YES_NO, "no", D);
        add("checker_timeout", integer(0, INT_MAX, ""), null, D);
        add("allow_usb_devices", YES_NO, "no", D);
        add("flush_on_last_del", YES_NO, "no", DVMO);
        add("user_friendly_names", YES_NO, "no", DVMO);
        add("fast_io_fail_tmo", wordOr(List.of("off"), integer(1, INT_MAX, "0")), "5", DVOP);
        add("dev_loss_tmo", wordOr(List.of("infinity"), integer(0, INT_MAX, "")), null, DVOP);
        add("eh_deadline", wordOr(List.of("off"), integer(0, INT_MAX, null)), null, DVOP);
        add("bindings_file", STRING, "/etc/multipath/bindings", D);
        add("wwids_file", STRING, "/etc/multipath/wwids", D);
        add("prkeys_file", STRING, "/etc/multipath/prkeys", D);
        add("log_checker_err", (k, raw, warn) -> "once".equals(raw) ? "once" : "always", "always", D);
        add("reservation_key", STRING, null, EnumSet.of(Scope.DEFAULTS, Scope.MULTIPATH));
        add("all_tg_pt", YES_NO, "no", DVO);
        add("retain_attached_hw_handler", YES_NO, "yes", DVO);
        add("detect_prio", YES_NO, "yes", DVO);
        add("detect_checker", YES_NO, "yes", DVO);
        add("force_sync", YES_NO, "yes", D);
        add("strict_timing", YES_NO, "no", D);
        add("deferred_remove", YES_NO, "no", DVMO);
        add("partition_delimiter", STRING, null, D);
        add("config_dir", STRING, null, D);
        add("delay_watch_checks", NO_OR_POSITIVE, "no", DVMO);
        add("delay_wait_checks", NO_OR_POSITIVE, "no", DVMO);
        add("san_path_err_threshold", NO_OR_POSITIVE, "no", DVMO);
        add("san_path_err_forget_rate", NO_OR_POSITIVE, "no", DVMO);
        add("san_path_err_recovery_time", NO_OR_POSITIVE, "no", DVMO);
        add("marginal_path_err_sample_time", NO_OR_POSITIVE, "no", DVMO);
        add("marginal_path_err_rate_threshold", NO_OR_NONNEGATIVE, "no", DVMO);
        add("marginal_path_err_recheck_gap_time", NO_OR_POSITIVE, "no", DVMO);
        add("marginal_path_double_failed_time", NO_OR_POSITIVE, "no", DVMO);
        add("find_multipaths", oneOf("off", "no=off", "0=off", "on", "yes=on", "1=on", "strict", "greedy", "smart"),
                "strict", D);
        add("uxsock_timeout", NUMBER, "4000", D);
        add("retrigger_tries", NUMBER, "0", D);
        add("retrigger_delay", NUMBER, "10", D);
        add("missing_uev_wait_timeout", NUMBER, "30", D);
        add("skip_kpartx", YES_NO, "no", DVMO);
        add("disable_changed_wwids", (k, raw, warn) -> "ignored", "ignored", D);
        add("remove_retries", NONNEGATIVE, "0", D);
        add("max_sectors_kb", integer(0, INT_MAX, ""), null, DVMO);
        add("ghost_delay", NO_OR_POSITIVE, "no", DVMO);
        add("find_multipaths_timeout", NUMBER, "-10", D);
        add("enable_foreign", STRING, "NONE", D);
        add("marginal_pathgroups", oneOf("off", "no=off", "0=off", "on", "yes=on", "1=on"), "off", D);
        add("recheck_wwid", YES_NO, "no", DVO);
        // device identification and device-only attributes
        add("vendor", STRING, null, V);
        add("product", STRING, null, V);
        add("revision", STRING, null, V);
        add("product_blacklist", STRING, null, V);
        add("vpd_vendor", STRING, null, V);
        add("hardware_handler", COUNTED, "0", V);
        add("type", oneOf("scsi:fcp", "scsi:spi", "scsi:ssa", "scsi:sbp", "scsi:srp", "scsi:iscsi", "scsi:sas",
                "scsi:adt", "scsi:ata", "scsi:unspec", "nvme:pcie", "nvme:rdma", "nvme:fc", "nvme:tcp", "nvme:loop",
                "nvme:apple-nvme", "nvme:unspec", "ccw", "cciss", "undef"), null, EnumSet.of(Scope.OVERRIDES_PROTOCOL));
    }

    private Keywords() {
    }

    private static void add(String name, ValueType type, String builtin, Set<Scope> scopes) {
        ALL.put(name, new Keyword(name, type, builtin, scopes));
    }

    /** Keywords whose value "" (written as 0) means unset, so that the next layer decides. */
    static boolean unsetWhenEmpty(String name) {
        return name.equals("max_polling_interval") || name.equals("checker_timeout") || name.equals("dev_loss_tmo")
                || name.equals("max_sectors_kb");
    }

    /** Keywords that identify a devices or protocol entry rather than set anything. */
    static boolean identifying(String name) {
        return name.equals("vendor") || name.equals("product") || name.equals("revision")
                || name.equals("product_blacklist") || name.equals("type");
    }

    static Keyword get(String name) {
        return ALL.get(name);
    }

    static boolean allowed(String name, Scope scope) {
        Keyword k = ALL.get(name);
        return k != null && k.scopes().contains(scope);
    }

    /** Every keyword, in print order. */
    static Collection<Keyword> all() {
        return ALL.values();
    }
}
