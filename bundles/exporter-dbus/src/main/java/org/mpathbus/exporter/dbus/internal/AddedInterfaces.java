package org.mpathbus.exporter.dbus.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.mpathbus.exporter.dbus.spi.BusInterface;

/**
 * The whiteboard's interfaces in force, immutable: which kind of object carries which added interface, in the
 * order the providers came. A model holds one; a provider's coming or going is a new one.
 */
final class AddedInterfaces {

    private static final Logger LOG = System.getLogger(AddedInterfaces.class.getName());

    static final AddedInterfaces NONE = new AddedInterfaces(Map.of());

    /** Names that only the exporter itself serves. */
    private static final Set<String> RESERVED = Set.of(ObjectPaths.MANAGER_INTERFACE, ObjectPaths.MAP_INTERFACE,
            ObjectPaths.PATH_GROUP_INTERFACE, ObjectPaths.PATH_INTERFACE, ObjectPaths.CONFIG_INTERFACE,
            "org.freedesktop.DBus.Properties", "org.freedesktop.DBus.Introspectable", "org.freedesktop.DBus.Peer",
            "org.freedesktop.DBus.ObjectManager");

    private final Map<String, AddedInterface> byName;
    private final Map<ObjectKind, List<AddedInterface>> byKind = new EnumMap<>(ObjectKind.class);

    private AddedInterfaces(Map<String, AddedInterface> byName) {
        this.byName = byName;
        for (AddedInterface iface : byName.values()) {
            byKind.computeIfAbsent(iface.kind(), kind -> new ArrayList<>()).add(iface);
        }
        byKind.replaceAll((kind, list) -> Collections.unmodifiableList(list));
    }

    /**
     * The interfaces of {@code providers} (in the order they came). One that is malformed, takes a name the
     * exporter serves, or repeats a name an earlier provider has, is left out with a WARNING saying why.
     */
    static AddedInterfaces of(Collection<BusInterface> providers) {
        Map<String, AddedInterface> byName = new LinkedHashMap<>();
        for (BusInterface provider : providers) {
            try {
                AddedInterface iface = AddedInterface.of(provider);
                if (RESERVED.contains(iface.name())) {
                    throw new IllegalArgumentException(iface.name() + " is an interface the exporter serves itself");
                }
                if (byName.containsKey(iface.name())) {
                    throw new IllegalArgumentException(iface.name() + " is served already by "
                            + byName.get(iface.name()).provider().getClass().getName());
                }
                byName.put(iface.name(), iface);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "not exporting the D-Bus interface of {0}: {1}", provider.getClass().getName(),
                        e.getMessage());
            }
        }
        return byName.isEmpty() ? NONE : new AddedInterfaces(Collections.unmodifiableMap(byName));
    }

    /** The added interfaces every object of {@code kind} carries, in the order they came. */
    List<AddedInterface> of(ObjectKind kind) {
        return byKind.getOrDefault(kind, List.of());
    }

    /** The added interface of that name, or null. */
    AddedInterface named(String name) {
        return name == null ? null : byName.get(name);
    }

    boolean isEmpty() {
        return byName.isEmpty();
    }
}
