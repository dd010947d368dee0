package org.mpathbus.config.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.mpathbus.config.BlacklistRule;
import org.mpathbus.config.DeviceEntry;
import org.mpathbus.config.MultipathConfig;
import org.mpathbus.config.MultipathConfiguration;
import org.mpathbus.config.MultipathEntry;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** mpath:config, the multipath configuration in force as the daemon reads it. */
@Component(service = ConfigCommand.class, property = { "osgi.command.scope=mpath", "osgi.command.function=config" })
public final class ConfigCommand {

    private final MultipathConfiguration configuration;

    @Activate
    public ConfigCommand(@Reference MultipathConfiguration configuration) {
        this.configuration = configuration;
    }

    @Descriptor("show the multipath configuration in force: files read, last error, warnings, effective defaults, "
            + "blacklist and exceptions, configured devices, multipaths, overrides and bindings")
    public String config(
            @Descriptor("print JSON for scripts") @Parameter(names = "--json", presentValue = "true",
                    absentValue = "false") boolean json,
            @Descriptor("read the files again first") @Parameter(names = "--reload", presentValue = "true",
                    absentValue = "false") boolean reload) {
        if (reload) {
            configuration.reload();
        }
        Map<String, Object> model = model(configuration.current());
        return json ? Json.write(model) : text(model);
    }

    private Map<String, Object> model(MultipathConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("generation", c.generation());
        m.put("files", c.configFiles());
        m.put("last_error", configuration.lastError().map(Object::toString).orElse(null));
        m.put("warnings", c.warnings().stream().map(Object::toString).toList());
        Map<String, Object> defaults = new LinkedHashMap<>();
        c.defaults().asMap().forEach((k, s) -> defaults.put(k, s.value()));
        m.put("defaults", defaults);
        m.put("blacklist", rules(c.blacklist()));
        m.put("blacklist_exceptions", rules(c.blacklistExceptions()));
        List<Object> devices = new ArrayList<>();
        for (DeviceEntry d : c.devices()) {
            if (!d.builtin()) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("vendor", d.vendor());
                e.put("product", d.product());
                e.put("revision", d.revision());
                e.putAll(d.attributes());
                e.put("source", d.source());
                devices.add(e);
            }
        }
        m.put("devices", devices);
        List<Object> multipaths = new ArrayList<>();
        for (MultipathEntry mp : c.multipaths()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("wwid", mp.wwid());
            e.put("alias", mp.alias());
            e.putAll(mp.attributes());
            multipaths.add(e);
        }
        m.put("multipaths", multipaths);
        m.put("overrides", c.overrides());
        m.put("protocol_overrides", c.protocolOverrides());
        m.put("bindings", c.bindings());
        return m;
    }

    private static List<Object> rules(List<BlacklistRule> rules) {
        List<Object> out = new ArrayList<>();
        for (BlacklistRule r : rules) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("type", r.criterion().keyword());
            if (r.criterion() == org.mpathbus.config.BlacklistCriterion.DEVICE) {
                e.put("vendor", r.vendor());
                e.put("product", r.product());
            } else {
                e.put("value", r.pattern());
            }
            e.put("builtin", r.builtin());
            e.put("source", r.source());
            out.add(e);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static String text(Map<String, Object> m) {
        StringBuilder out = new StringBuilder();
        out.append("generation ").append(m.get("generation")).append('\n');
        out.append("files      ").append(((List<?>) m.get("files")).isEmpty() ? "(none: built-in defaults)" : m.get("files"))
                .append('\n');
        out.append("last error ").append(m.get("last_error") == null ? "(none)" : m.get("last_error")).append('\n');
        ((List<String>) m.get("warnings")).forEach(w -> out.append("warning    ").append(w).append('\n'));
        out.append("defaults {\n");
        ((Map<String, Object>) m.get("defaults")).forEach((k, v) -> out.append('\t').append(k).append(' ')
                .append(quoted(v)).append('\n'));
        out.append("}\n");
        for (String section : List.of("blacklist", "blacklist_exceptions")) {
            out.append(section).append(" {\n");
            for (Object o : (List<Object>) m.get(section)) {
                Map<String, Object> r = (Map<String, Object>) o;
                String what = "device".equals(r.get("type")) ? r.get("vendor") + ":" + r.get("product") : (String) r.get("value");
                out.append('\t').append(r.get("type")).append(' ').append(quoted(what)).append("\t# ")
                        .append(r.get("source")).append('\n');
            }
            out.append("}\n");
        }
        out.append("devices (configured) ").append(Json.write(m.get("devices"))).append('\n');
        out.append("multipaths ").append(Json.write(m.get("multipaths"))).append('\n');
        out.append("overrides ").append(Json.write(m.get("overrides"))).append('\n');
        out.append("bindings ").append(Json.write(m.get("bindings"))).append('\n');
        return out.toString();
    }

    private static String quoted(Object v) {
        return "\"" + String.valueOf(v).replace("\"", "\"\"") + "\"";
    }
}
