package org.mpathbus.exporter.dbus.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * Control calls in flight per user (by uid, since one user can open many connections). A user other than root
 * holds at most {@link #PER_USER}, and all of them together at most {@link #UNPRIVILEGED}: whatever the others do,
 * other users' calls are admitted and root's call finds a thread of the pool. Root's calls are capped only by
 * the pool: polkit is never asked for them, so they cannot wait long, and root administers the daemon anyway.
 */
final class CallerSlots {

    static final int PER_USER = 4;
    /** Of {@link ControlCalls#MAX_IN_FLIGHT}: the rest is kept for root. */
    static final int UNPRIVILEGED = ControlCalls.MAX_IN_FLIGHT - 16;

    private final Map<Long, Integer> held = new HashMap<>();
    private int unprivileged;

    /** Why {@code uid} may not take a slot now; null when it took one. */
    synchronized String take(long uid) {
        if (uid == 0) {
            return null;
        }
        int mine = held.getOrDefault(uid, 0);
        if (mine >= PER_USER) {
            return "uid " + uid + " has " + PER_USER + " control calls in flight already";
        }
        if (unprivileged >= UNPRIVILEGED) {
            return UNPRIVILEGED + " control calls of users other than root are in flight";
        }
        held.put(uid, mine + 1);
        unprivileged++;
        return null;
    }

    synchronized void release(long uid) {
        if (uid == 0) {
            return;
        }
        held.computeIfPresent(uid, (key, count) -> count <= 1 ? null : count - 1);
        unprivileged--;
    }
}
