package org.mpathbus.exporter.dbus.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.freedesktop.dbus.types.Variant;

/**
 * What changed between two models, in the terms of the bus: objects added and removed, and per object and
 * interface the properties whose values changed (coalesced: one entry per object and interface).
 */
record ModelDiff(List<BusObject> added, List<BusObject> removed, List<Change> changed) {

    /** New values of the changed properties of one interface of one object. */
    record Change(String path, String iface, Map<String, Variant<?>> properties) {
    }

    /** The changes from {@code before} to {@code after}, which was built from {@code before}. */
    static ModelDiff between(ExportModel before, ExportModel after) {
        List<BusObject> added = new ArrayList<>();
        List<BusObject> removed = new ArrayList<>();
        List<Change> changed = new ArrayList<>();
        // Only what the build touched can differ: an update costs what changed, not a pass over every object
        for (String path : after.touched()) {
            BusObject old = before.object(path);
            BusObject now = after.object(path);
            if (old == null && now != null) {
                added.add(now);
            } else if (now == null && old != null) {
                removed.add(old);
            } else if (old != now) {
                compare(old, now, changed);
            }
        }
        return new ModelDiff(added, removed, changed);
    }

    private static void compare(BusObject old, BusObject now, List<Change> changed) {
        for (Map.Entry<String, Map<String, Variant<?>>> iface : now.interfaces().entrySet()) {
            Map<String, Variant<?>> oldValues = old.interfaces().getOrDefault(iface.getKey(), Map.of());
            Map<String, Variant<?>> differences = new LinkedHashMap<>();
            for (Map.Entry<String, Variant<?>> property : iface.getValue().entrySet()) {
                Variant<?> oldValue = oldValues.get(property.getKey());
                if (oldValue == null || !sameValue(oldValue, property.getValue())) {
                    differences.put(property.getKey(), property.getValue());
                }
            }
            if (!differences.isEmpty()) {
                changed.add(new Change(now.path(), iface.getKey(), differences));
            }
        }
    }

    /** Variant.equals compares arrays by identity; byte strings must compare by content. */
    static boolean sameValue(Variant<?> a, Variant<?> b) {
        return a.getSig().equals(b.getSig()) && Objects.deepEquals(a.getValue(), b.getValue());
    }

    boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
    }
}
