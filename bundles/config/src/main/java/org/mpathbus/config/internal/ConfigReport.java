package org.mpathbus.config.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import org.mpathbus.config.BlacklistCriterion;
import org.mpathbus.config.BlacklistRule;
import org.mpathbus.config.DeviceEntry;
import org.mpathbus.config.MultipathConfig;
import org.mpathbus.config.MultipathEntry;

/**
 * One configuration as mpath:config shows it: files read, last error, warnings, effective defaults,
 * blacklist and exceptions, configured (not built-in) devices, multipaths, overrides and bindings.
 */
final class ConfigReport {

    private ConfigReport() {
    }

    /** Defaults and blacklists in multipath.conf's syntax, each rule with its origin; the rest as one-line JSON. */
    static String text(MultipathConfig config, Optional<String> lastError) {
        StringBuilder out = new StringBuilder();
        out.append("generation ").append(config.generation()).append('\n');
        out.append("files      ").append(config.configFiles().isEmpty() ? "(none: built-in defaults)" : config.configFiles())
                .append('\n');
        out.append("last error ").append(lastError.orElse("(none)")).append('\n');
        config.warnings().forEach(warning -> out.append("warning    ").append(warning).append('\n'));
        out.append("defaults {\n");
        config.defaults().asMap().forEach((keyword, setting) -> out.append('\t').append(keyword).append(' ')
                .append(quoted(setting.value())).append('\n'));
        out.append("}\n");
        blacklistText(out, "blacklist", config.blacklist());
        blacklistText(out, "blacklist_exceptions", config.blacklistExceptions());
        // each JSON document ends with its newline
        out.append("devices (configured) ").append(ReportJson.ONE_LINE.toJson(devices(config.devices()))).append('\n');
        out.append("multipaths ").append(ReportJson.ONE_LINE.toJson(multipaths(config.multipaths()))).append('\n');
        out.append("overrides ").append(ReportJson.ONE_LINE.toJson(strings(config.overrides()))).append('\n');
        out.append("bindings ").append(ReportJson.ONE_LINE.toJson(strings(config.bindings()))).append('\n');
        return out.toString();
    }

    static String json(MultipathConfig config, Optional<String> lastError) {
        JsonObject json = new JsonObject();
        json.addProperty("generation", config.generation());
        JsonArray files = new JsonArray();
        config.configFiles().forEach(files::add);
        json.add("files", files);
        json.addProperty("last_error", lastError.orElse(null));
        JsonArray warnings = new JsonArray();
        config.warnings().forEach(warning -> warnings.add(warning.toString()));
        json.add("warnings", warnings);
        JsonObject defaults = new JsonObject();
        config.defaults().asMap().forEach((keyword, setting) -> defaults.addProperty(keyword, setting.value()));
        json.add("defaults", defaults);
        json.add("blacklist", rules(config.blacklist()));
        json.add("blacklist_exceptions", rules(config.blacklistExceptions()));
        json.add("devices", devices(config.devices()));
        json.add("multipaths", multipaths(config.multipaths()));
        json.add("overrides", strings(config.overrides()));
        JsonObject protocolOverrides = new JsonObject();
        config.protocolOverrides().forEach((protocol, settings) -> protocolOverrides.add(protocol, strings(settings)));
        json.add("protocol_overrides", protocolOverrides);
        json.add("bindings", strings(config.bindings()));
        return ReportJson.INDENTED.toJson(json) + "\n";
    }

    private static void blacklistText(StringBuilder out, String section, List<BlacklistRule> rules) {
        out.append(section).append(" {\n");
        for (BlacklistRule rule : rules) {
            out.append('\t').append(rule.criterion().keyword()).append(' ').append(quoted(rule.expression()))
                    .append("\t# ").append(rule.source()).append('\n');
        }
        out.append("}\n");
    }

    private static JsonArray rules(List<BlacklistRule> rules) {
        JsonArray all = new JsonArray();
        for (BlacklistRule rule : rules) {
            JsonObject json = new JsonObject();
            json.addProperty("type", rule.criterion().keyword());
            if (rule.criterion() == BlacklistCriterion.DEVICE) {
                json.addProperty("vendor", rule.vendor());
                json.addProperty("product", rule.product());
            } else {
                json.addProperty("value", rule.pattern());
            }
            json.addProperty("builtin", rule.builtin());
            json.addProperty("source", rule.source());
            all.add(json);
        }
        return all;
    }

    /** The configured entries only: the built-in hardware table is `multipath -t`'s business. */
    private static JsonArray devices(List<DeviceEntry> devices) {
        JsonArray all = new JsonArray();
        for (DeviceEntry device : devices) {
            if (!device.builtin()) {
                JsonObject json = new JsonObject();
                json.addProperty("vendor", device.vendor());
                json.addProperty("product", device.product());
                json.addProperty("revision", device.revision());
                device.attributes().forEach(json::addProperty);
                json.addProperty("source", device.source());
                all.add(json);
            }
        }
        return all;
    }

    private static JsonArray multipaths(List<MultipathEntry> multipaths) {
        JsonArray all = new JsonArray();
        for (MultipathEntry multipath : multipaths) {
            JsonObject json = new JsonObject();
            json.addProperty("wwid", multipath.wwid());
            json.addProperty("alias", multipath.alias());
            multipath.attributes().forEach(json::addProperty);
            all.add(json);
        }
        return all;
    }

    private static JsonObject strings(Map<String, String> values) {
        JsonObject json = new JsonObject();
        values.forEach(json::addProperty);
        return json;
    }

    /** As multipath.conf quotes a value: a quote inside is doubled. */
    private static String quoted(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
