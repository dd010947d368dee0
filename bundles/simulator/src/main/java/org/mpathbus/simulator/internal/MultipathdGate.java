package org.mpathbus.simulator.internal;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.mpathbus.api.control.Outcome;

/**
 * Whether the simulated multipathd answers its clients: it answers, it hangs (as when stopped with SIGSTOP:
 * a request waits until it wakes or the caller gives up) or it is busy (it answers "busy" at once and does
 * nothing). Only requests pass through here; the SAN and its readers go on meanwhile. Thread-safe.
 */
final class MultipathdGate {

    /** What the simulated multipathd does with a request. */
    enum Mood {
        ANSWERING, HUNG, BUSY
    }

    private Mood mood = Mood.ANSWERING;
    private final List<Consumer<Mood>> watchers = new CopyOnWriteArrayList<>();

    /** Changes the mood; watchers hear of a change after the gate let go of its lock. */
    void set(Mood value) {
        Mood before;
        synchronized (this) {
            before = mood;
            mood = value;
            notifyAll();
        }
        if (before != value) {
            watchers.forEach(watcher -> watcher.accept(value));
        }
    }

    /** Calls {@code onChange} with every new mood until the handle is closed. */
    AutoCloseable watch(Consumer<Mood> onChange) {
        watchers.add(onChange);
        return () -> watchers.remove(onChange);
    }

    synchronized Mood mood() {
        return mood;
    }

    /**
     * Waits while multipathd hangs, at most {@code timeout}: empty when it takes the request, else its answer
     * (timeout, busy).
     */
    synchronized Optional<Outcome> enter(Duration timeout) {
        long deadline = System.nanoTime() + Math.max(0, timeout.toNanos());
        try {
            while (mood == Mood.HUNG) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.of(new Outcome(Outcome.Kind.TIMEOUT, "timeout"));
                }
                wait(left / 1_000_000, (int) (left % 1_000_000));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of(new Outcome(Outcome.Kind.TIMEOUT, "interrupted while multipathd did not answer"));
        }
        return mood == Mood.BUSY ? Optional.of(new Outcome(Outcome.Kind.BUSY, "busy")) : Optional.empty();
    }
}
