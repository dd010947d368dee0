package org.mpathbus.config;

import java.util.Objects;

/**
 * One blacklist or blacklist_exceptions entry. Patterns are POSIX extended regular expressions, unanchored;
 * a leading "!" inverts the match ("\!" is a literal '!').
 *
 * @param pattern the regular expression for devnode, wwid, property and protocol rules; "" for device rules
 * @param vendor the vendor expression of a device rule, "" when absent (or not a device rule)
 * @param product the product expression of a device rule, "" when absent (or not a device rule)
 * @param builtin true for multipath-tools' built-in rules
 * @param source "file:line", or "built-in" / "built-in hwtable" for built-in rules
 */
public record BlacklistRule(BlacklistCriterion criterion, String pattern, String vendor, String product,
        boolean builtin, String source) {

    public BlacklistRule {
        Objects.requireNonNull(criterion, "criterion");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(vendor, "vendor");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(source, "source");
    }

    /** As `multipathd show blacklist` prints it: the expression, or VENDOR:PRODUCT for a device rule. */
    public String expression() {
        return criterion == BlacklistCriterion.DEVICE ? vendor + ":" + product : pattern;
    }

    @Override
    public String toString() {
        return criterion.keyword() + " \"" + expression() + "\" (" + source + ")";
    }
}
