package org.mpathbus.config;

import java.util.Objects;

/**
 * One effective value.
 *
 * @param value the value as multipath-tools prints it ("" for an unset value such as checker_timeout)
 * @param source where it was written: "file:line", "built-in hwtable VENDOR:PRODUCT" or "built-in"
 */
public record Setting(String keyword, String value, Origin origin, String source) {

    public Setting {
        Objects.requireNonNull(keyword, "keyword");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(source, "source");
    }
}
