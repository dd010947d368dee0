package org.mpathbus.exporter.dbus.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The control threads waiting for polkit, by the caller's unique bus name: when the bus says the caller is gone
 * (NameOwnerChanged with no new owner) its waits are cancelled, so a killed client frees its slot at once rather
 * than at its deadline.
 */
final class PendingAuthorizations {

    private final ConcurrentMap<String, Set<Thread>> waiting = new ConcurrentHashMap<>();
    private final Set<Thread> cancelled = ConcurrentHashMap.newKeySet();

    void waiting(String busName) {
        waiting.computeIfAbsent(busName, name -> ConcurrentHashMap.newKeySet()).add(Thread.currentThread());
    }

    /** Ends the current thread's wait; true when it was cancelled because its caller went away. */
    boolean done(String busName) {
        waiting.computeIfPresent(busName, (name, threads) -> {
            threads.remove(Thread.currentThread());
            return threads.isEmpty() ? null : threads;
        });
        boolean wasCancelled = cancelled.remove(Thread.currentThread());
        if (wasCancelled) {
            Thread.interrupted();
        }
        return wasCancelled;
    }

    /** {@code busName} left the bus: interrupts each wait of its calls. */
    void gone(String busName) {
        Set<Thread> threads = waiting.remove(busName);
        if (threads != null) {
            for (Thread thread : threads) {
                cancelled.add(thread);
                thread.interrupt();
            }
        }
    }
}
