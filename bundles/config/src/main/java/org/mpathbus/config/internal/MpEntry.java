package org.mpathbus.config.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import org.mpathbus.config.MultipathEntry;

/** A multipaths section entry; alias is among the attributes when set. */
record MpEntry(String wwid, Map<String, Value> attributes, String source) {

    MpEntry {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** multipath-tools' merge_mptable: the later entry's values win. */
    MpEntry mergedWith(MpEntry later) {
        Map<String, Value> merged = new LinkedHashMap<>(attributes);
        merged.putAll(later.attributes);
        return new MpEntry(wwid, merged, source);
    }

    MultipathEntry toApi() {
        Map<String, String> values = new LinkedHashMap<>();
        attributes.forEach((k, v) -> {
            if (!k.equals("alias")) {
                values.put(k, v.value());
            }
        });
        Value alias = attributes.get("alias");
        return new MultipathEntry(wwid, alias == null ? "" : alias.value(), values, source);
    }
}
