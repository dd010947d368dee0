package org.mpathbus.exporter.dbus.control.internal;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.Path;
import org.mpathbus.api.Topology;
import org.mpathbus.api.spi.MultipathSource;
import org.mpathbus.config.ConfigChange;

/**
 * What the exported maps come to show after multipathd's reconfigure with a changed configuration. 0.9.4's
 * reconfigure answers ok when it has only scheduled the work, so where the model can show the change the call
 * waits for it: an alias as the map's name, a blacklisted WWID's map gone, an unblacklisted one's map back.
 * Where it cannot (a default, a device entry), and for any source other than device-mapper (the simulator's
 * multipathd does not read multipath.conf), it waits for a re-read after reconfigure.
 */
final class ConfigEffects {

    private ConfigEffects() {
    }

    static Effect of(ConfigChange change, Topology before) {
        if (!MultipathSource.DEVMAPPER.equals(before.source())) {
            return Effect.reread("reconfigure");
        }
        if (change instanceof ConfigChange.SetAlias c) {
            return alias(before, c.wwid(), c.alias());
        }
        if (change instanceof ConfigChange.SetMultipath c && c.attributes().containsKey("alias")) {
            return alias(before, c.wwid(), c.attributes().get("alias"));
        }
        if (change instanceof ConfigChange.AddBlacklistEntry c && c.section().equals("blacklist")) {
            Optional<Pattern> wwid = wwidPattern(c.entry().get("wwid"));
            if (wwid.isPresent() && c.entry().size() == 1) {
                List<String> gone = before.maps().values().stream().map(MultipathMap::wwid)
                        .filter(w -> wwid.get().matcher(w).find()).toList();
                if (!gone.isEmpty()) {
                    return new Effect.Shows("the maps of " + gone + " are gone",
                            t -> gone.stream().allMatch(w -> t.map(w).isEmpty()));
                }
            }
        }
        if (change instanceof ConfigChange.RemoveBlacklistEntry c && c.section().equals("blacklist")) {
            Optional<Pattern> wwid = wwidPattern(c.entry().get("wwid"));
            if (wwid.isPresent() && c.entry().size() == 1) {
                List<String> back = before.unmappedPaths().stream().map(Path::wwid).distinct()
                        .filter(w -> !w.isEmpty() && wwid.get().matcher(w).find()).toList();
                if (!back.isEmpty()) {
                    return new Effect.Shows("the maps of " + back + " are back",
                            t -> back.stream().allMatch(w -> t.map(w).isPresent()));
                }
            }
        }
        return Effect.reread("reconfigure");
    }

    private static Effect alias(Topology before, String wwid, String alias) {
        Optional<MultipathMap> map = before.map(wwid);
        if (map.isEmpty()) {
            return Effect.reread("reconfigure");
        }
        if (alias.isEmpty()) {
            String old = map.get().name();
            return new Effect.Shows("map " + wwid + " is no longer named " + old,
                    t -> t.map(wwid).map(m -> !m.name().equals(old)).orElse(false));
        }
        return new Effect.Shows("map " + wwid + " is named " + alias,
                t -> t.map(wwid).map(m -> m.name().equals(alias)).orElse(false));
    }

    /** multipath.conf's POSIX expression read as a Java one, which agrees for what WWIDs are matched with. */
    private static Optional<Pattern> wwidPattern(String expression) {
        if (expression == null || expression.startsWith("!")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Pattern.compile(expression));
        } catch (PatternSyntaxException e) {
            return Optional.empty();
        }
    }
}
