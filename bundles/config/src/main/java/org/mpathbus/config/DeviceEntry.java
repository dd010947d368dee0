package org.mpathbus.config;

import java.util.Map;
import java.util.Objects;

/**
 * One devices section entry.
 *
 * @param vendor vendor expression
 * @param product product expression, "" when absent
 * @param revision revision expression, "" when absent
 * @param attributes the other keywords of the entry (as written, in order)
 * @param builtin true when it comes from the built-in hardware table (and no configured entry with the same
 *        vendor, product and revision was merged into it)
 * @param source "file:line" of the configured entry, "built-in hwtable" otherwise
 */
public record DeviceEntry(String vendor, String product, String revision, Map<String, String> attributes,
        boolean builtin, String source) {

    public DeviceEntry {
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(revision, "revision");
        attributes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attributes));
        Objects.requireNonNull(source, "source");
    }
}
