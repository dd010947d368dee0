package org.mpathbus.core.internal.checks;

import java.util.SortedSet;

/** Where the scheduler reports. Called from scheduler threads, under its lock: must not block. */
public interface CheckResultSink {

    /** The checker's view of {@code path} changed (only changes are reported). */
    void pathChecked(String path, PathCheck check);

    /** The set of installed checker names changed. */
    void checkersChanged(SortedSet<String> names);
}
