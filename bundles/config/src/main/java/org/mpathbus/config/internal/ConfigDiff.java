package org.mpathbus.config.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.mpathbus.config.BlacklistRule;
import org.mpathbus.config.DeviceEntry;
import org.mpathbus.config.MultipathConfig;
import org.mpathbus.config.MultipathEntry;

/** What differs between two configurations, one line each: "defaults polling_interval 5 -> 10". */
final class ConfigDiff {

    private static final String NONE = "(none)";

    private ConfigDiff() {
    }

    static List<String> between(MultipathConfig before, MultipathConfig after) {
        Map<String, String> old = flatten(before);
        Map<String, String> now = flatten(after);
        Set<String> keys = new TreeSet<>(old.keySet());
        keys.addAll(now.keySet());
        List<String> changes = new ArrayList<>();
        for (String key : keys) {
            String a = old.getOrDefault(key, NONE);
            String b = now.getOrDefault(key, NONE);
            if (!a.equals(b)) {
                changes.add(key + " " + a + " -> " + b);
            }
        }
        return changes;
    }

    /** Every fact of a configuration as "section what" to value. */
    private static Map<String, String> flatten(MultipathConfig c) {
        Map<String, String> facts = new LinkedHashMap<>();
        c.configFiles().forEach(f -> facts.put("file " + f, "read"));
        c.warnings().forEach(w -> facts.put("warning " + w, "present"));
        c.defaults().asMap().forEach((k, s) -> facts.put("defaults " + k, s.value()));
        c.overrides().forEach((k, v) -> facts.put("overrides " + k, v));
        c.protocolOverrides().forEach((type, values) -> values.forEach(
                (k, v) -> facts.put("overrides protocol " + type + " " + k, v)));
        for (BlacklistRule r : c.blacklist()) {
            facts.put("blacklist " + r.criterion().keyword() + " \"" + r.expression() + "\"", "listed");
        }
        for (BlacklistRule r : c.blacklistExceptions()) {
            facts.put("blacklist_exceptions " + r.criterion().keyword() + " \"" + r.expression() + "\"", "listed");
        }
        for (DeviceEntry d : c.devices()) {
            String id = "devices " + d.vendor() + ":" + d.product() + (d.revision().isEmpty() ? "" : ":" + d.revision());
            facts.put(id, "present");
            d.attributes().forEach((k, v) -> facts.put(id + " " + k, v));
        }
        for (MultipathEntry m : c.multipaths()) {
            facts.put("multipaths " + m.wwid() + " alias", m.alias().isEmpty() ? NONE : m.alias());
            m.attributes().forEach((k, v) -> facts.put("multipaths " + m.wwid() + " " + k, v));
        }
        c.bindings().forEach((alias, wwid) -> facts.put("bindings " + alias, wwid));
        c.knownWwids().forEach(w -> facts.put("wwids " + w, "listed"));
        return facts;
    }
}
