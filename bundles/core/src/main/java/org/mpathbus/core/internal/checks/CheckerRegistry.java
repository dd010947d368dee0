package org.mpathbus.core.internal.checks;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.BiConsumer;

import org.mpathbus.api.spi.PathChecker;

/**
 * The installed checkers by name. When two services share a name the newest one is used, and the older
 * one takes over again if the newest leaves. Not thread-safe: the scheduler guards it.
 */
final class CheckerRegistry {

    private final Map<String, Deque<PathChecker>> byName = new HashMap<>();

    /** Adds a checker; it becomes the one in use for its name. */
    void add(String name, PathChecker checker) {
        byName.computeIfAbsent(name, n -> new ArrayDeque<>()).push(checker);
    }

    /** Removes a checker; returns true when it was the one in use for its name. */
    boolean remove(String name, PathChecker checker) {
        Deque<PathChecker> checkers = byName.get(name);
        if (checkers == null) {
            return false;
        }
        boolean wasCurrent = checkers.peek() == checker;
        checkers.removeFirstOccurrence(checker);
        if (checkers.isEmpty()) {
            byName.remove(name);
        }
        return wasCurrent;
    }

    /** The checker in use for {@code name}, or null when none is installed. */
    PathChecker get(String name) {
        Deque<PathChecker> checkers = byName.get(name);
        return checkers == null ? null : checkers.peek();
    }

    /** Every checker, each name's oldest first, so that adding them in this order rebuilds the same registry. */
    void forEachOldestFirst(BiConsumer<String, PathChecker> action) {
        byName.forEach((name, checkers) -> checkers.descendingIterator().forEachRemaining(c -> action.accept(name, c)));
    }

    SortedSet<String> names() {
        return Collections.unmodifiableSortedSet(new TreeSet<>(byName.keySet()));
    }
}
