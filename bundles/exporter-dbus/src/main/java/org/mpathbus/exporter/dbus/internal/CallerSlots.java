package org.mpathbus.exporter.dbus.internal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * Control calls in flight per user (by uid, since one user can open many connections): one user can hold at
 * most {@link #PER_USER}, so whatever one user does, the others' calls are admitted.
 */
final class CallerSlots {

    static final int PER_USER = 4;

    private final ConcurrentMap<Long, Integer> held = new ConcurrentHashMap<>();

    /** Takes a slot for {@code uid}; false when it holds {@link #PER_USER} already. */
    boolean take(long uid) {
        boolean[] taken = {false};
        held.compute(uid, (key, count) -> {
            int now = count == null ? 0 : count;
            if (now >= PER_USER) {
                return count;
            }
            taken[0] = true;
            return now + 1;
        });
        return taken[0];
    }

    void release(long uid) {
        held.computeIfPresent(uid, (key, count) -> count <= 1 ? null : count - 1);
    }
}
