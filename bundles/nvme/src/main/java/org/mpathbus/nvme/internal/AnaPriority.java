package org.mpathbus.nvme.internal;

import org.mpathbus.api.AnaState;

/** A path's priority from its ANA state, as multipath-tools' ana prioritizer gives it (prioritizers/ana.c). */
final class AnaPriority {

    private AnaPriority() {
    }

    static int of(AnaState state) {
        switch (state) {
            case OPTIMIZED: return 50;
            case NON_OPTIMIZED: return 10;
            case INACCESSIBLE:
            case CHANGE: return 1;
            case PERSISTENT_LOSS: return 0;
            default: return -1;
        }
    }
}
