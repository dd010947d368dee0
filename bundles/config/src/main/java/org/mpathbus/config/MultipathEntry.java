package org.mpathbus.config;

import java.util.Map;
import java.util.Objects;

/**
 * One multipaths section entry.
 *
 * @param alias the alias keyword, "" when absent
 * @param attributes the other keywords of the entry, in order
 * @param source "file:line"
 */
public record MultipathEntry(String wwid, String alias, Map<String, String> attributes, String source) {

    public MultipathEntry {
        Objects.requireNonNull(wwid, "wwid");
        Objects.requireNonNull(alias, "alias");
        attributes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
        Objects.requireNonNull(source, "source");
    }
}
