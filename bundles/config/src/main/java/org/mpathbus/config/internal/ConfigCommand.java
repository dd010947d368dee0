package org.mpathbus.config.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.mpathbus.api.Path;
import org.mpathbus.api.TopologyService;
import org.mpathbus.config.BlacklistCriterion;
import org.mpathbus.config.BlacklistRule;
import org.mpathbus.config.BlacklistVerdict;
import org.mpathbus.config.EffectiveSettings;
import org.mpathbus.config.DeviceEntry;
import org.mpathbus.config.MultipathConfig;
import org.mpathbus.config.MultipathConfiguration;
import org.mpathbus.config.MultipathEntry;
import org.mpathbus.config.PathDescription;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** mpath:config, the multipath configuration in force as the daemon reads it. */
@Component(service = ConfigCommand.class, property = { "osgi.command.scope=mpath", "osgi.command.function=config" })
public final class ConfigCommand {

    private final MultipathConfiguration configuration;

    /** The engine, when it runs: --paths applies the configuration to its paths. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile TopologyService topology;

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
                    absentValue = "false") boolean reload,
            @Descriptor("show, for every path of the topology, whether it is blacklisted (by which rule), whether "
                    + "multipath-tools would take it (find_multipaths) and its effective settings") @Parameter(names = "--paths", presentValue = "true",
                    absentValue = "false") boolean paths) {
        if (reload) {
            configuration.reload();
        }
        MultipathConfig current = configuration.current();
        if (paths) {
            List<Object> rows = paths(current);
            return json ? Json.write(rows) : pathsText(rows);
        }
        Map<String, Object> model = model(current);
        return json ? Json.write(model) : text(model);
    }

    /** The settings a reader of a path asks about first, in multipathd's words. */
    private static final List<String> PATH_SETTINGS = List.of("path_checker", "polling_interval",
            "max_polling_interval", "checker_timeout", "no_path_retry", "path_grouping_policy", "path_selector",
            "prio", "failback", "features", "hardware_handler");

    private List<Object> paths(MultipathConfig c) {
        TopologyService service = topology;
        if (service == null) {
            throw new IllegalStateException("no topology: the engine (org.mpathbus.core) is not running");
        }
        List<Object> rows = new ArrayList<>();
        List<Path> sorted = new ArrayList<>(service.topology().paths().values());
        // kernel order: sdz before sdaa
        sorted.sort(java.util.Comparator.comparingInt((Path p) -> p.name().length()).thenComparing(Path::name));
        Map<String, Integer> siblings = new java.util.HashMap<>();
        for (Path path : sorted) {
            PathDescription description = PathDescription.of(path);
            if (!c.blacklisted(description).blacklisted()) {
                siblings.merge(description.wwid(), 1, Integer::sum);
            }
        }
        for (Path path : sorted) {
            PathDescription description = PathDescription.of(path);
            BlacklistVerdict verdict = c.blacklisted(description);
            EffectiveSettings settings = c.settingsFor(description);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("dev", path.name());
            row.put("wwid", description.wwid());
            row.put("alias", settings.alias());
            row.put("blacklisted", verdict.blacklisted());
            row.put("criterion", verdict.criterion().map(BlacklistCriterion::keyword).orElse(null));
            row.put("rule", verdict.rule().map(Object::toString).orElse(null));
            row.put("reason", verdict.reason());
            row.put("admitted", c.admits(description, siblings.getOrDefault(description.wwid(), 0)));
            for (String keyword : PATH_SETTINGS) {
                row.put(keyword, settings.value(keyword));
            }
            rows.add(row);
        }
        return rows;
    }

    @SuppressWarnings("unchecked")
    private static String pathsText(List<Object> rows) {
        StringBuilder out = new StringBuilder();
        for (Object o : rows) {
            Map<String, Object> row = (Map<String, Object>) o;
            out.append(row.get("dev")).append(' ').append(row.get("wwid"));
            if (!"".equals(row.get("alias"))) {
                out.append(" (").append(row.get("alias")).append(')');
            }
            out.append(Boolean.TRUE.equals(row.get("blacklisted")) ? "  BLACKLISTED " + row.get("rule")
                    : Boolean.TRUE.equals(row.get("admitted")) ? "" : "  not taken (find_multipaths)").append('\n');
            out.append('\t');
            PATH_SETTINGS.forEach(k -> out.append(k).append('=').append(row.get(k)).append(' '));
            out.append('\n');
        }
        return out.toString();
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
            if (r.criterion() == BlacklistCriterion.DEVICE) {
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
