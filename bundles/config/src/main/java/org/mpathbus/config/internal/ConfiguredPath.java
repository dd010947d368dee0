package org.mpathbus.config.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import org.mpathbus.api.Path;
import org.mpathbus.config.BlacklistCriterion;
import org.mpathbus.config.BlacklistVerdict;
import org.mpathbus.config.EffectiveSettings;
import org.mpathbus.config.MultipathConfig;
import org.mpathbus.config.PathDescription;

/**
 * What one configuration makes of one path (mpath:config --paths): its blacklist verdict, whether
 * multipath-tools would take it into a map, and the settings a reader asks about first.
 */
record ConfiguredPath(String dev, String wwid, BlacklistVerdict verdict, boolean admitted, EffectiveSettings settings) {

    /** The settings shown for each path, in multipathd's words. */
    static final List<String> SETTINGS = List.of("path_checker", "polling_interval", "max_polling_interval",
            "checker_timeout", "no_path_retry", "path_grouping_policy", "path_selector", "prio", "failback",
            "features", "hardware_handler");

    /** Every path in kernel order (sdz before sdaa). */
    static List<ConfiguredPath> all(MultipathConfig config, Collection<Path> paths) {
        List<Path> sorted = new ArrayList<>(paths);
        sorted.sort(Comparator.comparing(Path::name, Path.KERNEL_NAME_ORDER));
        // find_multipaths counts the paths of a WWID that are not blacklisted
        Map<String, Integer> siblings = new HashMap<>();
        for (Path path : sorted) {
            PathDescription description = PathDescription.of(path);
            if (!config.blacklisted(description).blacklisted()) {
                siblings.merge(description.wwid(), 1, Integer::sum);
            }
        }
        List<ConfiguredPath> rows = new ArrayList<>();
        for (Path path : sorted) {
            PathDescription description = PathDescription.of(path);
            rows.add(new ConfiguredPath(path.name(), description.wwid(), config.blacklisted(description),
                    config.admits(description, siblings.getOrDefault(description.wwid(), 0)),
                    config.settingsFor(description)));
        }
        return rows;
    }

    /** Two lines a path: device, WWID, (alias) and verdict; then the settings, tab-indented. */
    static String text(List<ConfiguredPath> rows) {
        StringBuilder out = new StringBuilder();
        for (ConfiguredPath row : rows) {
            out.append(row.dev).append(' ').append(row.wwid);
            if (!row.settings.alias().isEmpty()) {
                out.append(" (").append(row.settings.alias()).append(')');
            }
            out.append(row.verdict.blacklisted() ? "  BLACKLISTED " + row.verdict.blacklistedBy()
                    : row.admitted ? "" : "  not taken (find_multipaths)").append('\n');
            out.append('\t');
            SETTINGS.forEach(keyword -> out.append(keyword).append('=').append(row.settings.value(keyword)).append(' '));
            out.append('\n');
        }
        return out.toString();
    }

    /** An array of one object a path; criterion and rule are null when the path is not blacklisted. */
    static String json(List<ConfiguredPath> rows) {
        JsonArray all = new JsonArray();
        for (ConfiguredPath row : rows) {
            JsonObject json = new JsonObject();
            json.addProperty("dev", row.dev);
            json.addProperty("wwid", row.wwid);
            json.addProperty("alias", row.settings.alias());
            json.addProperty("blacklisted", row.verdict.blacklisted());
            json.addProperty("criterion", row.verdict.criterion().map(BlacklistCriterion::keyword).orElse(null));
            json.addProperty("rule", row.verdict.rule().map(Object::toString).orElse(null));
            json.addProperty("reason", row.verdict.reason());
            json.addProperty("admitted", row.admitted);
            SETTINGS.forEach(keyword -> json.addProperty(keyword, row.settings.value(keyword)));
            all.add(json);
        }
        return ReportJson.INDENTED.toJson(all) + "\n";
    }
}
