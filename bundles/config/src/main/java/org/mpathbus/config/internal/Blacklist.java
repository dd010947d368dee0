package org.mpathbus.config.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import org.mpathbus.config.BlacklistCriterion;
import org.mpathbus.config.BlacklistRule;
import org.mpathbus.config.BlacklistVerdict;
import org.mpathbus.config.PathDescription;

/**
 * The blacklist and blacklist_exceptions of one configuration, and how multipath-tools filters a path through
 * them (blacklist.c): criterion by criterion, an exception outweighing only the blacklist of its own criterion.
 * Immutable.
 */
final class Blacklist {

    private final List<CompiledRule> blacklist;
    private final List<CompiledRule> exceptions;

    Blacklist(List<CompiledRule> blacklist, List<CompiledRule> exceptions) {
        this.blacklist = List.copyOf(blacklist);
        this.exceptions = List.copyOf(exceptions);
    }

    /**
     * Filters one path criterion by criterion, as multipath-tools does.
     *
     * @param uidAttribute the path's uid_attribute (a setting of the configuration), asked only when the path
     *        has udev properties
     */
    BlacklistVerdict verdict(PathDescription path, Supplier<String> uidAttribute) {
        List<BlacklistRule> excepted = new ArrayList<>();
        String dev = path.devnode();
        Optional<CompiledRule> hit = filter(BlacklistCriterion.DEVNODE, dev, excepted);
        if (hit.isPresent()) {
            return verdict(hit.get(), excepted, dev + ": device node name blacklisted");
        }
        if (path.udevProperties().isPresent()) {
            // libudev lists properties sorted by name; the first one an exception or the blacklist matches decides
            Set<String> properties = new TreeSet<>(path.udevProperties().get());
            Optional<BlacklistVerdict> byProperty = filterProperties(path, properties, excepted, uidAttribute.get());
            if (byProperty.isPresent()) {
                return byProperty.get();
            }
        }
        if (!path.vendor().isEmpty() || !path.product().isEmpty()) {
            Optional<CompiledRule> exception = first(exceptions, BlacklistCriterion.DEVICE,
                    r -> r.matchesDevice(path.vendor(), path.product()));
            if (exception.isPresent()) {
                excepted.add(exception.get().rule);
            } else {
                hit = first(blacklist, BlacklistCriterion.DEVICE, r -> r.matchesDevice(path.vendor(), path.product()));
                if (hit.isPresent()) {
                    return verdict(hit.get(), excepted,
                            dev + ": (" + path.vendor() + ":" + path.product() + ") vendor/product blacklisted");
                }
            }
        }
        hit = filter(BlacklistCriterion.PROTOCOL, path.protocol(), excepted);
        if (hit.isPresent()) {
            return verdict(hit.get(), excepted, dev + ": protocol " + path.protocol() + " blacklisted");
        }
        if (!path.wwid().isEmpty()) {
            hit = filter(BlacklistCriterion.WWID, path.wwid(), excepted);
            if (hit.isPresent()) {
                return verdict(hit.get(), excepted, dev + ": wwid " + path.wwid() + " blacklisted");
            }
        }
        return new BlacklistVerdict(Optional.empty(), Optional.empty(), excepted, dev + ": not blacklisted");
    }

    /**
     * The property criterion is inverted: a path whose properties include its uid_attribute must have one
     * property that matches an exception, else it counts as blacklisted ("udev property missing").
     */
    private Optional<BlacklistVerdict> filterProperties(PathDescription path, Set<String> properties,
            List<BlacklistRule> excepted, String uidAttribute) {
        for (String property : properties) {
            Optional<CompiledRule> exception = first(exceptions, BlacklistCriterion.PROPERTY, r -> r.matches(property));
            if (exception.isPresent()) {
                excepted.add(exception.get().rule);
                return Optional.empty();
            }
            Optional<CompiledRule> hit = first(blacklist, BlacklistCriterion.PROPERTY, r -> r.matches(property));
            if (hit.isPresent()) {
                return Optional.of(verdict(hit.get(), excepted,
                        path.devnode() + ": udev property " + property + " blacklisted"));
            }
        }
        if (!uidAttribute.isEmpty() && properties.contains(uidAttribute)) {
            return Optional.of(new BlacklistVerdict(Optional.of(BlacklistCriterion.PROPERTY), Optional.empty(), excepted,
                    path.devnode() + ": blacklisted, udev property missing"));
        }
        return Optional.empty();
    }

    private Optional<CompiledRule> filter(BlacklistCriterion criterion, String value, List<BlacklistRule> excepted) {
        Optional<CompiledRule> exception = first(exceptions, criterion, r -> r.matches(value));
        if (exception.isPresent()) {
            excepted.add(exception.get().rule);
            return Optional.empty();
        }
        return first(blacklist, criterion, r -> r.matches(value));
    }

    private static Optional<CompiledRule> first(List<CompiledRule> rules, BlacklistCriterion criterion,
            java.util.function.Predicate<CompiledRule> test) {
        return rules.stream().filter(r -> r.criterion() == criterion).filter(test).findFirst();
    }

    private static BlacklistVerdict verdict(CompiledRule hit, List<BlacklistRule> excepted, String reason) {
        return new BlacklistVerdict(Optional.of(hit.criterion()), Optional.of(hit.rule), excepted, reason);
    }

    /** The blacklist section's rules, built-in ones included, as multipathd show blacklist lists them. */
    List<BlacklistRule> rules() {
        return distinct(blacklist);
    }

    List<BlacklistRule> exceptions() {
        return distinct(exceptions);
    }

    List<CompiledRule> compiledRules() {
        return blacklist;
    }

    List<CompiledRule> compiledExceptions() {
        return exceptions;
    }

    /** As multipath-tools' merge_blacklist: the first of identical rules stands for them all. */
    private static List<BlacklistRule> distinct(List<CompiledRule> rules) {
        Map<String, BlacklistRule> unique = new LinkedHashMap<>();
        rules.forEach(r -> unique.putIfAbsent(r.criterion() + "\0" + r.rule.expression(), r.rule));
        return List.copyOf(unique.values());
    }
}
