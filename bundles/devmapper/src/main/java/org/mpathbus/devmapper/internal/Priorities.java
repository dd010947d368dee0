package org.mpathbus.devmapper.internal;

import java.util.List;

import org.mpathbus.api.DmPathState;
import org.mpathbus.api.Path;

/**
 * Path and path-group priorities as multipath-tools computes them for ALUA storage. With detect_prio (its
 * default) multipathd picks the sysfs prioritizer when the kernel shows the device's ALUA state in sysfs
 * (access_state, kept by scsi_dh_alua), else the alua prioritizer, which asks the device itself (RTPG);
 * both use the same table. Without access_state the priority is unknown here (-1).
 */
final class Priorities {

    static final int UNKNOWN = -1;
    private static final int OPTIMIZED = 50;
    /** multipath-tools adds this for the preferred bit, except to an active/optimized path (without prio_args exclusive_pref_bit) */
    private static final int PREFERRED_BONUS = 80;

    private Priorities() {
    }

    /**
     * @param accessState the kernel's access_state text ("active/optimized", "standby", ...), null when sysfs
     *        has none
     * @param preferred the kernel's preferred_path is set (the target port group's PREF bit)
     * @return 50 active/optimized, 10 active/non-optimized, 5 lba-dependent, 1 standby, 0 for anything else
     *         (unavailable, offline, transitioning), plus 80 when preferred and not active/optimized;
     *         {@link #UNKNOWN} without an access state
     */
    static int ofPath(String accessState, boolean preferred) {
        if (accessState == null) {
            return UNKNOWN;
        }
        int priority;
        // prefixes, as multipath-tools compares them
        if (accessState.startsWith("active/optimized")) {
            priority = OPTIMIZED;
        } else if (accessState.startsWith("active/non-optimized")) {
            priority = 10;
        } else if (accessState.startsWith("lba-dependent")) {
            priority = 5;
        } else if (accessState.startsWith("standby")) {
            priority = 1;
        } else {
            priority = 0;
        }
        return preferred && priority != OPTIMIZED ? priority + PREFERRED_BONUS : priority;
    }

    /** The priority without the preferred bit's 80 (no access state alone reaches 80). */
    static int withoutPreference(int priority) {
        return priority >= PREFERRED_BONUS ? priority - PREFERRED_BONUS : priority;
    }

    /**
     * libmultipath's path_group_prio_update: the integer mean of the priorities of the group's usable paths,
     * 0 when none is usable. multipath-tools counts the paths its checker finds up or ghost; this source
     * knows no checker states and counts the paths the kernel has active, which multipathd keeps in step
     * with its checker (it fails and reinstates them). {@link #UNKNOWN} when a path's priority is unknown.
     */
    static int ofGroup(List<Path> paths) {
        int sum = 0;
        int usable = 0;
        for (Path path : paths) {
            if (path.priority() == UNKNOWN) {
                return UNKNOWN;
            }
            if (path.dmState() == DmPathState.ACTIVE) {
                sum += path.priority();
                usable++;
            }
        }
        return usable == 0 ? 0 : sum / usable;
    }
}
