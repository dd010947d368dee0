package org.mpathbus.shell.internal;

import java.util.List;
import java.util.Map;
import java.util.Optional;

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
        out.append("devices (configured) ").append(devices(JsonWriter.compact(), config.devices()));
        out.append("multipaths ").append(multipaths(JsonWriter.compact(), config.multipaths()));
        out.append("overrides ").append(strings(JsonWriter.compact(), config.overrides()));
        out.append("bindings ").append(strings(JsonWriter.compact(), config.bindings()));
        return out.toString();
    }

    static String json(MultipathConfig config, Optional<String> lastError) {
        JsonWriter json = new JsonWriter().beginObject()
                .field("generation", config.generation());
        json.name("files").beginArray();
        config.configFiles().forEach(json::value);
        json.endArray();
        json.field("last_error", lastError);
        json.name("warnings").beginArray();
        config.warnings().forEach(warning -> json.value(warning.toString()));
        json.endArray();
        json.name("defaults").beginObject();
        config.defaults().asMap().forEach((keyword, setting) -> json.field(keyword, setting.value()));
        json.endObject();
        rules(json.name("blacklist"), config.blacklist());
        rules(json.name("blacklist_exceptions"), config.blacklistExceptions());
        devices(json.name("devices"), config.devices());
        multipaths(json.name("multipaths"), config.multipaths());
        strings(json.name("overrides"), config.overrides());
        json.name("protocol_overrides").beginObject();
        config.protocolOverrides().forEach((protocol, settings) -> strings(json.name(protocol), settings));
        json.endObject();
        strings(json.name("bindings"), config.bindings());
        return json.endObject().toString();
    }

    private static void blacklistText(StringBuilder out, String section, List<BlacklistRule> rules) {
        out.append(section).append(" {\n");
        for (BlacklistRule rule : rules) {
            out.append('\t').append(rule.criterion().keyword()).append(' ').append(quoted(rule.expression()))
                    .append("\t# ").append(rule.source()).append('\n');
        }
        out.append("}\n");
    }

    private static void rules(JsonWriter json, List<BlacklistRule> rules) {
        json.beginArray();
        for (BlacklistRule rule : rules) {
            json.beginObject().field("type", rule.criterion().keyword());
            if (rule.criterion() == BlacklistCriterion.DEVICE) {
                json.field("vendor", rule.vendor()).field("product", rule.product());
            } else {
                json.field("value", rule.pattern());
            }
            json.field("builtin", rule.builtin()).field("source", rule.source()).endObject();
        }
        json.endArray();
    }

    /** The configured entries only: the built-in hardware table is `multipath -t`'s business. */
    private static JsonWriter devices(JsonWriter json, List<DeviceEntry> devices) {
        json.beginArray();
        for (DeviceEntry device : devices) {
            if (!device.builtin()) {
                json.beginObject().field("vendor", device.vendor()).field("product", device.product())
                        .field("revision", device.revision());
                device.attributes().forEach(json::field);
                json.field("source", device.source()).endObject();
            }
        }
        return json.endArray();
    }

    private static JsonWriter multipaths(JsonWriter json, List<MultipathEntry> multipaths) {
        json.beginArray();
        for (MultipathEntry multipath : multipaths) {
            json.beginObject().field("wwid", multipath.wwid()).field("alias", multipath.alias());
            multipath.attributes().forEach(json::field);
            json.endObject();
        }
        return json.endArray();
    }

    private static JsonWriter strings(JsonWriter json, Map<String, String> values) {
        json.beginObject();
        values.forEach(json::field);
        return json.endObject();
    }

    /** As multipath.conf quotes a value: a quote inside is doubled. */
    private static String quoted(String value) {
        return "\"" + value.replace("\"", "\"\"") + "\"";
    }
}
