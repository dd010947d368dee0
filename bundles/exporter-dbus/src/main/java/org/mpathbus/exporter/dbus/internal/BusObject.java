package org.mpathbus.exporter.dbus.internal;

import java.util.Map;

import org.freedesktop.dbus.types.Variant;

/**
 * One exported object: its path and, per interface, its properties. Immutable; a new model reuses the very
 * same instance for an object that did not change, so a diff can skip it by identity.
 *
 * @param kind which introspection data describes the object
 */
record BusObject(String path, ObjectKind kind, Map<String, Map<String, Variant<?>>> interfaces) {

    BusObject {
        interfaces = Map.copyOf(interfaces);
    }

    static BusObject of(String path, ObjectKind kind, String iface, Map<String, Variant<?>> properties) {
        return new BusObject(path, kind, Map.of(iface, properties));
    }
}
