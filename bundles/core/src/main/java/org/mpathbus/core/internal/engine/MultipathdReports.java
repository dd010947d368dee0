package org.mpathbus.core.internal.engine;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

import org.mpathbus.api.MultipathdState;
import org.mpathbus.api.control.MultipathdMonitor;

/**
 * The reports of the owners' monitors ({@link MultipathdMonitor}), by the source they report for; engine thread
 * only. A monitor's thread hands each report over through {@code deliver}, so a snapshot always shows the newest
 * report of the monitor of the source in use.
 */
final class MultipathdReports {

    private static final Logger LOG = System.getLogger(MultipathdReports.class.getName());

    private final Map<MultipathdMonitor, Entry> byMonitor = new LinkedHashMap<>();

    private static final class Entry {
        final String source;
        MultipathdState state;
        AutoCloseable watch;

        Entry(String source, MultipathdState state) {
            this.source = source;
            this.state = state;
        }
    }

    /**
     * Starts following {@code monitor}; {@code deliver} gets each of its reports on the monitor's thread and must
     * hand it to the engine thread, which then calls {@link #report}.
     */
    void add(MultipathdMonitor monitor, String source, Consumer<MultipathdState> deliver) {
        Entry entry = new Entry(source, monitor.current());
        byMonitor.put(monitor, entry);
        entry.watch = monitor.watch(deliver);
    }

    void remove(MultipathdMonitor monitor) {
        Entry entry = byMonitor.remove(monitor);
        if (entry != null && entry.watch != null) {
            try {
                entry.watch.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "cannot stop watching the multipathd monitor of ''{0}'': {1}", entry.source,
                        e.toString());
            }
        }
    }

    /** Takes a report; a monitor that left meanwhile is ignored. */
    void report(MultipathdMonitor monitor, MultipathdState state) {
        Entry entry = byMonitor.get(monitor);
        if (entry != null) {
            entry.state = state;
        }
    }

    /** The newest report for {@code source}, {@link MultipathdState#NOT_REPORTED} when no monitor reports for it. */
    MultipathdState of(String source) {
        for (Entry entry : byMonitor.values()) {
            if (entry.source.equals(source)) {
                return entry.state;
            }
        }
        return MultipathdState.NOT_REPORTED;
    }

    void closeAll() {
        for (MultipathdMonitor monitor : Map.copyOf(byMonitor).keySet()) {
            remove(monitor);
        }
    }
}
