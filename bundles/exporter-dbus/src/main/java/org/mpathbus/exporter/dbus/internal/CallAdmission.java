package org.mpathbus.exporter.dbus.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Bounds the method calls in flight on one connection: admitted and not yet answered on the socket. A call
 * beyond the bound is refused at once (the caller gets org.mpathbus.Multipath1.Error.Busy), so no load of calls
 * can grow the daemon's queues without end; and each caller may have only one call of a kind that makes a
 * large reply (GetManagedObjects) in flight, so one client cannot queue many copies of it for itself.
 * Thread-safe: the reader admits, dbus-java's sender thread and the responders answer.
 */
final class CallAdmission {

    /** Why a call was not admitted. */
    enum Refusal {
        TOO_MANY_CALLS, LARGE_REPLY_PENDING
    }

    /**
     * A call that was never answered (a handler of dbus-java that swallowed it) frees its place after this long,
     * so a lost answer cannot shrink the bound for good.
     */
    static final long FORGET_AFTER_NANOS = 60_000_000_000L;

    private record InFlight(long admittedAt, boolean largeReply) {
    }

    private final int maxInFlight;
    private final LongSupplier clock;
    /** Keyed by caller and serial: the reply names both. */
    private final Map<String, InFlight> inFlight = new HashMap<>();
    private final Map<String, Integer> largeRepliesByCaller = new HashMap<>();

    CallAdmission(int maxInFlight, LongSupplier clock) {
        this.maxInFlight = maxInFlight;
        this.clock = clock;
    }

    /** Admits the call {@code serial} of {@code caller}; null when admitted, else why not. */
    synchronized Refusal admit(String caller, long serial, boolean largeReply) {
        if (inFlight.size() >= maxInFlight) {
            forgetLost();
            if (inFlight.size() >= maxInFlight) {
                return Refusal.TOO_MANY_CALLS;
            }
        }
        if (largeReply && largeRepliesByCaller.containsKey(caller)) {
            return Refusal.LARGE_REPLY_PENDING;
        }
        inFlight.put(key(caller, serial), new InFlight(clock.getAsLong(), largeReply));
        if (largeReply) {
            largeRepliesByCaller.merge(caller, 1, Integer::sum);
        }
        return null;
    }

    /** The reply to call {@code replySerial} of {@code caller} was written (or dropped). */
    synchronized void answered(String caller, long replySerial) {
        InFlight call = inFlight.remove(key(caller, replySerial));
        if (call != null && call.largeReply()) {
            largeRepliesByCaller.computeIfPresent(caller, (name, count) -> count == 1 ? null : count - 1);
        }
    }

    synchronized int inFlight() {
        return inFlight.size();
    }

    private void forgetLost() {
        long now = clock.getAsLong();
        inFlight.entrySet().removeIf(entry -> {
            boolean lost = now - entry.getValue().admittedAt() > FORGET_AFTER_NANOS;
            if (lost && entry.getValue().largeReply()) {
                String caller = entry.getKey().substring(0, entry.getKey().lastIndexOf('#'));
                largeRepliesByCaller.computeIfPresent(caller, (name, count) -> count == 1 ? null : count - 1);
            }
            return lost;
        });
    }

    private static String key(String caller, long serial) {
        return caller + '#' + serial;
    }
}
