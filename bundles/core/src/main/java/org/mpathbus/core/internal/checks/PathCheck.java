package org.mpathbus.core.internal.checks;

import java.util.Objects;

import org.mpathbus.api.CheckerState;

/**
 * The checker's view of one path, as the engine merges it into snapshots.
 *
 * @param checker the effective checker name (the path's own, else default_checker)
 * @param blacklistedBy the blacklist rule that excludes the path (see {@link PathPlan#blacklistedBy()}), "" when none
 */
public record PathCheck(String checker, CheckerState state, String message, String blacklistedBy) {

    public PathCheck {
        Objects.requireNonNull(checker, "checker");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(blacklistedBy, "blacklistedBy");
    }

    /** A checker's verdict on a path it checks. */
    public static PathCheck checked(String checker, CheckerState state, String message) {
        return new PathCheck(checker, state, message, "");
    }

    /** The view of a path the configuration excludes from checking: unchecked, with the rule that excludes it. */
    public static PathCheck blacklisted(PathPlan plan) {
        return new PathCheck(plan.checker(), CheckerState.UNCHECKED, plan.uncheckedBecause(), plan.blacklistedBy());
    }

    /** The view of a path whose checker is not installed: unchecked, never down. */
    public static PathCheck noChecker(String checker) {
        return checked(checker, CheckerState.UNCHECKED, "no checker '" + checker + "' installed");
    }
}
