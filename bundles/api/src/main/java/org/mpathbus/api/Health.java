package org.mpathbus.api;

/** A map's health as the kernel sees it: all paths active, some failed, or none left. */
public enum Health implements Labeled {
    OPTIMAL,
    DEGRADED,
    FAILED;

    public static Health of(int validPaths, int paths) {
        if (validPaths == 0) {
            return FAILED;
        }
        return validPaths < paths ? DEGRADED : OPTIMAL;
    }
}
