package org.mpathbus.core.internal.engine;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;

import org.mpathbus.api.SourceState;
import org.mpathbus.api.spi.MultipathSource;

/** A source the engine uses now, with its watch handle and newest state. Confined to the engine thread. */
final class SourceBinding {

    private static final Logger LOG = System.getLogger(SourceBinding.class.getName());

    final MultipathSource source;
    final String name;
    private AutoCloseable watch;
    private long lastReadStart = Long.MIN_VALUE;
    /** The source's newest state, read or pushed: its part of the union. */
    private SourceState state = SourceState.EMPTY;

    SourceBinding(MultipathSource source, String name) {
        this.source = source;
        this.name = name;
    }

    void readStarted(long nanoTime) {
        lastReadStart = nanoTime;
    }

    /** True when a full read began after {@code nanoTime} (System.nanoTime). */
    boolean readSince(long nanoTime) {
        return lastReadStart != Long.MIN_VALUE && lastReadStart - nanoTime > 0;
    }

    SourceState state() {
        return state;
    }

    void state(SourceState newest) {
        state = newest;
    }

    void watching(AutoCloseable handle) {
        this.watch = handle;
    }

    void close() {
        if (watch == null) {
            return;
        }
        try {
            watch.close();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "closing the watch on source '" + name + "' failed", e);
        }
        watch = null;
    }
}
