package org.mpathbus.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of filtering one path through the blacklist, criterion by criterion (devnode, property,
 * device, protocol, wwid). An exception only outweighs the blacklist of its own criterion; the first
 * criterion that blacklists the path decides.
 *
 * @param criterion the criterion that blacklisted the path; empty when it is not blacklisted
 * @param rule the blacklist rule that matched; empty when not blacklisted, or when the property criterion
 *        blacklisted it because no udev property matched an exception ("udev property missing")
 * @param exceptions the exceptions that matched on the way (at most one per criterion), in evaluation order
 * @param reason multipath-tools' log words, such as "sdb: device node name blacklisted"
 */
public record BlacklistVerdict(Optional<BlacklistCriterion> criterion, Optional<BlacklistRule> rule,
        List<BlacklistRule> exceptions, String reason) {

    public BlacklistVerdict {
        Objects.requireNonNull(criterion, "criterion");
        Objects.requireNonNull(rule, "rule");
        exceptions = List.copyOf(exceptions);
        Objects.requireNonNull(reason, "reason");
    }

    public boolean blacklisted() {
        return criterion.isPresent();
    }

    /**
     * The rule that blacklists the path as multipath.conf writes it, with where it is written (devnode "^sda$"
     * (/etc/multipath.conf:7)); multipath-tools' own words where no single rule decides; "" when not
     * blacklisted.
     */
    public String blacklistedBy() {
        if (!blacklisted()) {
            return "";
        }
        return rule.map(BlacklistRule::toString).orElse(reason);
    }
}
