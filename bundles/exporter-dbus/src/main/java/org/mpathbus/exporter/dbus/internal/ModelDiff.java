package org.mpathbus.exporter.dbus.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.freedesktop.dbus.types.Variant;

/**
 * What changed between two models, in the terms of the bus: objects added and removed, per object and
 * interface the properties whose values changed (coalesced: one entry per object and interface), and the
 * whiteboard's interfaces that objects kept from one model to the next gained or lost (objects added or removed
 * come and go with all of theirs).
 */
record ModelDiff(List<BusObject> added, List<BusObject> removed, List<Change> changed,
        List<InterfaceChange> gained, List<InterfaceChange> lost) {

    /** New values of the changed properties of one interface of one object. */
    record Change(String path, String iface, Map<String, Variant<?>> properties) {
    }

    /** Interfaces, with no properties, that one object gained or lost. */
    record InterfaceChange(String path, List<String> interfaces) {
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
        List<InterfaceChange> gained = new ArrayList<>();
        List<InterfaceChange> lost = new ArrayList<>();
        if (before.added() != after.added()) {
            Map<ObjectKind, List<String>> gainedByKind = new EnumMap<>(ObjectKind.class);
            Map<ObjectKind, List<String>> lostByKind = new EnumMap<>(ObjectKind.class);
            for (ObjectKind kind : ObjectKind.values()) {
                List<String> was = names(before.added().of(kind));
                List<String> is = names(after.added().of(kind));
                gainedByKind.put(kind, is.stream().filter(name -> !was.contains(name)).toList());
                lostByKind.put(kind, was.stream().filter(name -> !is.contains(name)).toList());
            }
            // Only kept objects: an added object's InterfacesAdded, a removed one's InterfacesRemoved carry them all
            for (BusObject object : after.objects()) {
                if (before.object(object.path()) != null) {
                    if (!gainedByKind.get(object.kind()).isEmpty()) {
                        gained.add(new InterfaceChange(object.path(), gainedByKind.get(object.kind())));
                    }
                    if (!lostByKind.get(object.kind()).isEmpty()) {
                        lost.add(new InterfaceChange(object.path(), lostByKind.get(object.kind())));
                    }
                }
            }
        }
        return new ModelDiff(added, removed, changed, gained, lost);
    }

    private static List<String> names(List<AddedInterface> interfaces) {
        return interfaces.stream().map(AddedInterface::name).toList();
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
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty() && gained.isEmpty() && lost.isEmpty();
    }
}
