package org.mpathbus.core.internal.engine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.Path;
import org.mpathbus.api.SourceState;

/**
 * Which of a source's paths appeared or changed ({@code upserted}) and which went away ({@code removed})
 * between two source states, for the check scheduler. Maps that are the very same instance in both are
 * skipped, so a dm event on one map costs one map's paths.
 */
record SourcePathChanges(List<Path> upserted, List<Path> removed) {

    static SourcePathChanges between(Map<String, MultipathMap> beforeByWwid, SourceState before, SourceState after) {
        Map<String, Path> gone = new HashMap<>();
        Map<String, Path> present = new HashMap<>();
        int matched = 0;
        for (MultipathMap map : after.maps()) {
            MultipathMap old = beforeByWwid.get(map.wwid());
            if (old != null) {
                matched++;
            }
            if (old == map) {
                continue;
            }
            if (old != null) {
                putAll(gone, old.paths());
            }
            putAll(present, map.paths());
        }
        if (matched < before.maps().size()) {
            Map<String, MultipathMap> afterByWwid = new HashMap<>();
            after.maps().forEach(map -> afterByWwid.put(map.wwid(), map));
            for (MultipathMap old : before.maps()) {
                if (!afterByWwid.containsKey(old.wwid())) {
                    putAll(gone, old.paths());
                }
            }
        }
        if (!before.unmappedPaths().equals(after.unmappedPaths())) {
            putAll(gone, before.unmappedPaths());
            putAll(present, after.unmappedPaths());
        }
        List<Path> upserted = new ArrayList<>();
        for (Path path : present.values()) {
            Path old = gone.remove(path.name());
            if (!path.equals(old)) {
                upserted.add(path);
            }
        }
        // A path can only enter an unchanged map by changing it, so what is left in "gone" has gone.
        return new SourcePathChanges(upserted, new ArrayList<>(gone.values()));
    }

    private static void putAll(Map<String, Path> byName, List<Path> paths) {
        for (Path path : paths) {
            byName.put(path.name(), path);
        }
    }
}
