package org.mpathbus.config.internal;

import java.util.regex.Pattern;

import org.mpathbus.config.BlacklistCriterion;
import org.mpathbus.config.BlacklistRule;

/**
 * A blacklist or exception rule ready to match. A leading '!' inverts an expression, "\!" stands for a
 * literal '!' (multipath-tools 0.9's check_invert).
 */
final class CompiledRule {

    private record Expression(Pattern pattern, boolean inverted) {
        static Expression of(String text) {
            if (text.isEmpty()) {
                return null;
            }
            if (text.startsWith("!")) {
                return new Expression(PosixRegex.compile(text.substring(1)), true);
            }
            return new Expression(PosixRegex.compile(text.startsWith("\\!") ? text.substring(1) : text), false);
        }

        boolean matches(String value) {
            return PosixRegex.matches(pattern, value) != inverted;
        }
    }

    final BlacklistRule rule;
    private final Expression expression;
    private final Expression vendor;
    private final Expression product;

    /** @throws java.util.regex.PatternSyntaxException for an invalid expression */
    CompiledRule(BlacklistRule rule) {
        this.rule = rule;
        expression = Expression.of(rule.pattern());
        vendor = Expression.of(rule.vendor());
        product = Expression.of(rule.product());
    }

    boolean matches(String value) {
        return expression != null && expression.matches(value);
    }

    /** A device rule matches when each expression it has matches. */
    boolean matchesDevice(String pathVendor, String pathProduct) {
        if (vendor == null && product == null) {
            return false;
        }
        return (vendor == null || vendor.matches(pathVendor)) && (product == null || product.matches(pathProduct));
    }

    BlacklistCriterion criterion() {
        return rule.criterion();
    }
}
