package org.mpathbus.api;

import java.util.Optional;

/**
 * Finds maps and paths in a snapshot the way an administrator names them, for every front end alike (the
 * shell's mpath:show, D-Bus Manager.Lookup): so a name that one accepts, all accept.
 */
public final class DeviceLookup {

    private static final String DEV = "/dev/";
    private static final String DEV_MAPPER = "/dev/mapper/";

    private DeviceLookup() {
    }

    /** By WWID, dm name or alias, /dev/mapper/NAME, /dev/dm-N, dm-N, or major:minor. */
    public static Optional<MultipathMap> findMap(Topology topology, String id) {
        Optional<MultipathMap> byWwid = topology.map(id);
        if (byWwid.isPresent()) {
            return byWwid;
        }
        String bare = id.startsWith(DEV_MAPPER) ? id.substring(DEV_MAPPER.length())
                : id.startsWith(DEV) ? id.substring(DEV.length()) : id;
        for (MultipathMap map : topology.maps().values()) {
            if (map.name().equals(bare) || map.kernelName().equals(bare) || map.deviceNumber().toString().equals(id)) {
                return Optional.of(map);
            }
        }
        return Optional.empty();
    }

    /** By kernel name, /dev/NAME or major:minor. */
    public static Optional<Path> findPath(Topology topology, String id) {
        String bare = id.startsWith(DEV) ? id.substring(DEV.length()) : id;
        Optional<Path> byName = topology.path(bare);
        if (byName.isPresent()) {
            return byName;
        }
        for (Path path : topology.paths().values()) {
            if (path.deviceNumber().toString().equals(id)) {
                return Optional.of(path);
            }
        }
        return Optional.empty();
    }
}
