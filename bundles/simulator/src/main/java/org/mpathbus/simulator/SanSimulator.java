package org.mpathbus.simulator;

import java.util.NoSuchElementException;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Controls the simulated SAN. Every method acts at once and the source reports the result to the engine
 * the way the kernel would (a dm event). Paths are named by kernel name ("sdb"), maps by WWID or name.
 * Unknown names throw {@link NoSuchElementException} with a message that names what was not found.
 */
@ProviderType
public interface SanSimulator {

    /** The path's link goes down: the kernel fails it in its map and the sim checker reports down. */
    void failPath(String path);

    /** The path's link comes back: the kernel reinstates it and the sim checker reports up. */
    void restorePath(String path);

    /** The path's device is deleted (as echo 1 > /sys/block/sdX/device/delete): it leaves its map. */
    void removePath(String path);

    /** A path removed before comes back into its map, in its old group. */
    void addPath(String path);

    /** The map is flushed (multipath -f): it goes away with its paths. */
    void removeMap(String map);

    /** A map removed before is created again, with the paths it had. */
    void addMap(String map);

    /** While {@code hang} is true, the sim checker blocks on this path until the engine's timeout. */
    void hangChecks(String path, boolean hang);
}
