package org.mpathbus.simulator.internal;

import java.util.Objects;

import org.mpathbus.api.DeviceIdentity;

/**
 * The validated shape of a simulated SAN. Every check names the configuration key at fault, so a bad
 * .cfg file is easy to fix.
 *
 * @param failbackImmediate true when I/O moves back to the first usable group as soon as it has an
 *        active path again (multipath-tools' failback immediate)
 */
record SanShape(int maps, int pathsPerMap, int groupsPerMap, int hosts, String checker, long sizeBytes,
        DeviceIdentity identity, boolean userFriendlyNames, boolean queueIfNoPath, boolean failbackImmediate) {

    /** Keeps a typo from exhausting the heap (the kernel's sd numbering would go on to 2^20 disks). */
    static final int MAX_PATHS = 1 << 16;

    public SanShape {
        Objects.requireNonNull(checker, "checker");
        Objects.requireNonNull(identity, "identity");
        require(maps >= 0, "maps must not be negative, not " + maps);
        require(pathsPerMap >= 1, "paths_per_map must be at least 1, not " + pathsPerMap);
        require(groupsPerMap >= 1 && groupsPerMap <= pathsPerMap,
                "path_groups_per_map must be between 1 and paths_per_map (" + pathsPerMap + "), not " + groupsPerMap);
        require(hosts >= 1 && hosts <= 256, "hosts must be between 1 and 256, not " + hosts);
        require((long) maps * pathsPerMap <= MAX_PATHS,
                "maps x paths_per_map must not exceed " + MAX_PATHS + " paths, not " + (long) maps * pathsPerMap);
        require(!checker.isBlank(), "checker must name a path checker, such as sim");
        require(sizeBytes > 0, "map_size_mb must be positive");
    }

    /** A shape of those counts with the configuration's defaults for everything else. */
    static SanShape of(int maps, int pathsPerMap, int groupsPerMap) {
        return new SanShape(maps, pathsPerMap, groupsPerMap, 2, "sim", 10L << 30,
                new DeviceIdentity("LIO-ORG", "mpathbus-sim", "4.0"), true, true, false);
    }

    static SanShape from(SimulatorConfiguration config) {
        long sizeMb = config.map__size__mb();
        if (sizeMb <= 0 || sizeMb > Long.MAX_VALUE >> 20) {
            throw new IllegalArgumentException("map_size_mb must be between 1 and " + (Long.MAX_VALUE >> 20) + ", not " + sizeMb);
        }
        String failback = config.failback().strip();
        if (!failback.equals("manual") && !failback.equals("immediate")) {
            throw new IllegalArgumentException("failback must be manual or immediate, not '" + failback + "'");
        }
        return new SanShape(config.maps(), config.paths__per__map(), config.path__groups__per__map(), config.hosts(),
                config.checker().strip(), sizeMb << 20,
                new DeviceIdentity(config.vendor().strip(), config.product().strip(), config.revision().strip()),
                config.user__friendly__names(), config.queue__if__no__path(), failback.equals("immediate"));
    }

    SanShape withHosts(int value) {
        return new SanShape(maps, pathsPerMap, groupsPerMap, value, checker, sizeBytes, identity, userFriendlyNames,
                queueIfNoPath, failbackImmediate);
    }

    SanShape withUserFriendlyNames(boolean value) {
        return new SanShape(maps, pathsPerMap, groupsPerMap, hosts, checker, sizeBytes, identity, value, queueIfNoPath,
                failbackImmediate);
    }

    SanShape withFailbackImmediate(boolean value) {
        return new SanShape(maps, pathsPerMap, groupsPerMap, hosts, checker, sizeBytes, identity, userFriendlyNames,
                queueIfNoPath, value);
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }
}
