package org.mpathbus.exporter.dbus.internal;

import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.freedesktop.dbus.types.Variant;
import org.mpathbus.api.Path;

/**
 * What the bus shows of the multipath configuration: the Config object's properties and, per path, the rule
 * that blacklists it. Made by {@link MultipathConfigFeed}, so that no other class of the exporter needs the
 * configuration bundle's types. Immutable; a new view per reload (or new LastError).
 *
 * @param blacklistedBy the rule that blacklists a path, "" when none; evaluated only for paths whose object is
 *        built anew (a changed path, or every path once per view)
 */
record ConfigView(Map<String, Variant<?>> properties, Function<Path, String> blacklistedBy) {

    ConfigView {
        Objects.requireNonNull(properties, "properties");
        Objects.requireNonNull(blacklistedBy, "blacklistedBy");
    }
}
