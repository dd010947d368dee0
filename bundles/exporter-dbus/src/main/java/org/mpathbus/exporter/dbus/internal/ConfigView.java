package org.mpathbus.exporter.dbus.internal;

import java.util.Map;
import java.util.Objects;

import org.freedesktop.dbus.types.Variant;

/**
 * What the bus shows of the multipath configuration: the Config object's properties (each path's blacklist
 * verdict comes with the path, from the engine). Made by {@link MultipathConfigFeed}, so that no other class of
 * the exporter needs the configuration bundle's types. Immutable; a new view per reload (or new LastError).
 */
record ConfigView(Map<String, Variant<?>> properties) {

    ConfigView {
        Objects.requireNonNull(properties, "properties");
    }
}
