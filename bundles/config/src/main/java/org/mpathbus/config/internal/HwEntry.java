package org.mpathbus.config.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.mpathbus.config.DeviceEntry;

/** A devices section entry with its vendor/product/revision expressions compiled. Immutable once built. */
final class HwEntry {

    final String vendor;
    final String product;
    final String revision;
    final Map<String, Value> attributes;
    final boolean builtin;
    final String source;
    private final Pattern vendorPattern;
    private final Pattern productPattern;
    private final Pattern revisionPattern;

    HwEntry(String vendor, String product, String revision, Map<String, Value> attributes, boolean builtin,
            String source) {
        this.vendor = vendor;
        this.product = product;
        this.revision = revision;
        this.attributes = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
        this.builtin = builtin;
        this.source = source;
        vendorPattern = compileOrNull(vendor);
        productPattern = compileOrNull(product);
        revisionPattern = compileOrNull(revision);
    }

    private static Pattern compileOrNull(String expression) {
        return expression == null ? null : PosixRegex.compile(expression);
    }

    /** Same identification strings: multipath-tools merges such entries into one. */
    boolean sameIdentity(HwEntry other) {
        return java.util.Objects.equals(vendor, other.vendor) && java.util.Objects.equals(product, other.product)
                && java.util.Objects.equals(revision, other.revision);
    }

    /** This entry with the other's attributes laid over its own, at the other's place. */
    HwEntry mergedUnder(HwEntry later) {
        Map<String, Value> merged = new LinkedHashMap<>(attributes);
        merged.putAll(later.attributes);
        return new HwEntry(later.vendor, later.product, later.revision, merged, builtin && later.builtin, later.source);
    }

    /** Each expression present must match (unanchored), as multipath-tools' hwe_regmatch. */
    boolean matches(String pathVendor, String pathProduct, String pathRevision) {
        return (vendorPattern == null || PosixRegex.matches(vendorPattern, pathVendor))
                && (productPattern == null || PosixRegex.matches(productPattern, pathProduct))
                && (revisionPattern == null || PosixRegex.matches(revisionPattern, pathRevision));
    }

    DeviceEntry toApi() {
        Map<String, String> values = new LinkedHashMap<>();
        attributes.forEach((k, v) -> values.put(k, v.value()));
        return new DeviceEntry(vendor, product == null ? "" : product, revision == null ? "" : revision, values,
                builtin, source);
    }
}
