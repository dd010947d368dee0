package org.mpathbus.api;

import java.util.List;
import java.util.Objects;

/**
 * A path group of a map, in table order. Made by {@link #of} or a {@link Builder}, never by a constructor, so
 * that a new attribute is a minor version of this package.
 */
public final class PathGroup {

    private final int index;
    private final int priority;
    private final String selector;
    private final DmGroupState dmState;
    private final List<Path> paths;

    private PathGroup(Builder b) {
        index = b.index;
        priority = b.priority;
        selector = Objects.requireNonNull(b.selector, "selector");
        dmState = Objects.requireNonNull(b.dmState, "dmState");
        paths = List.copyOf(b.paths);
    }

    /** 1-based, as device-mapper numbers groups. */
    public int index() {
        return index;
    }

    /** The group's priority (multipath-tools: the mean of its usable paths'); -1 when unknown. */
    public int priority() {
        return priority;
    }

    /** The path selector with its arguments as the table gives them, such as "service-time 0". */
    public String selector() {
        return selector;
    }

    public DmGroupState dmState() {
        return dmState;
    }

    public List<Path> paths() {
        return paths;
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof PathGroup o)) {
            return false;
        }
        return index == o.index
                && priority == o.priority
                && selector.equals(o.selector)
                && dmState == o.dmState
                && paths.equals(o.paths);
    }

    @Override
    public int hashCode() {
        return Objects.hash(index, priority, selector, dmState, paths);
    }

    @Override
    public String toString() {
        return "PathGroup[" + "index=" + index + ", "
                + "priority=" + priority + ", "
                + "selector=" + selector + ", "
                + "dmState=" + dmState + ", "
                + "paths=" + paths + "]";
    }

    /** Paths the kernel currently has active in this group. */
    public int activePathCount() {
        int active = 0;
        for (Path path : paths) {
            if (path.dmState() == DmPathState.ACTIVE) {
                active++;
            }
        }
        return active;
    }

    /** A group with every attribute given; attributes added later keep their neutral defaults. */
    public static PathGroup of(int index, int priority, String selector, DmGroupState dmState, List<Path> paths) {
        return builder(index).priority(priority).selector(selector).dmState(dmState).paths(paths).build();
    }

    public static Builder builder(int index) {
        return new Builder(index);
    }

    /** Builds groups; every attribute not set keeps a neutral default (priority unknown, enabled, no paths). */
    public static final class Builder {
        private int index;
        private int priority = -1;
        private String selector = "";
        private DmGroupState dmState = DmGroupState.ENABLED;
        private List<Path> paths = List.of();

        private Builder(int index) {
            this.index = index;
        }

        public Builder index(int value) { index = value; return this; }
        public Builder priority(int value) { priority = value; return this; }
        public Builder selector(String value) { selector = value; return this; }
        public Builder dmState(DmGroupState value) { dmState = value; return this; }
        public Builder paths(List<Path> value) { paths = value; return this; }

        public PathGroup build() {
            return new PathGroup(this);
        }
    }
}
