package org.mpathbus.simulator;

import java.util.NoSuchElementException;

import org.osgi.annotation.versioning.ProviderType;

/**
 * Controls the simulated SAN. Every method acts at once and the source reports the result to the engine
 * the way the kernel would (a dm event) before the method returns. Paths are named by kernel name ("sdb"),
 * maps by WWID, name or dm device ("dm-0"). Unknown names throw {@link NoSuchElementException} with a
 * message that names what was not found.
 *
 * <p>Repeating a change is a no-op that reports nothing (failing a failed path, removing a removed map).
 * Failing or restoring a path that is removed, or whose map is removed, and adding a path whose map is
 * removed throw {@link IllegalStateException} saying why.
 */
@ProviderType
public interface SanSimulator {

    /**
     * The path's link goes down: the kernel fails it in its map (fail count + 1) and the sim checker
     * reports down. When that leaves the map's active group without an active path, I/O moves to the
     * first group that has one.
     */
    void failPath(String path);

    /**
     * The path's link comes back: the kernel reinstates it and the sim checker reports up. I/O stays on
     * the group it moved to unless the simulator is configured with failback immediate.
     */
    void restorePath(String path);

    /**
     * A host's HBA port goes down (link loss, a cable pulled): every path through SCSI host {@code host}
     * (the H of H:C:T:L) fails at once, reported as one dm event, as the kernel's fast_io_fail does.
     *
     * @return how many paths the kernel failed (those already failed count not)
     * @throws NoSuchElementException when the SAN has no such host
     * @throws IllegalStateException when the host port is already down
     * @since 1.1
     */
    int failHost(int host);

    /** The host port comes back; returns how many paths the kernel reinstated, in one dm event. @since 1.1 */
    int restoreHost(int host);

    /**
     * A target port of the array goes down: every path to SCSI target {@code target} (the T of H:C:T:L),
     * through every host, fails at once in one dm event.
     *
     * @return how many paths the kernel failed
     * @since 1.1
     */
    int failTarget(int target);

    /** The target port comes back; returns how many paths the kernel reinstated, in one dm event. @since 1.1 */
    int restoreTarget(int target);

    /**
     * A whole fabric (0 or 1, the A and B of a redundant SAN; hosts alternate between them) goes down: every
     * path through a host cabled to it fails at once in one dm event.
     *
     * @return how many paths the kernel failed
     * @since 1.1
     */
    int failFabric(int fabric);

    /** The fabric comes back; returns how many paths the kernel reinstated, in one dm event. @since 1.1 */
    int restoreFabric(int fabric);

    /**
     * The array fails every LUN over to its next controller: the ALUA access states swap, so the next path
     * group is the optimized one (priority 50, the others 10) and I/O moves to it; no path fails. Reported as
     * one dm event for every map at once; calling it again moves the LUNs on (back, with two groups).
     *
     * @return how many maps changed
     * @since 1.1
     */
    int failover();

    /**
     * The path's device is deleted (as echo 1 > /sys/block/sdX/device/delete): it leaves its map, and a
     * path group left empty leaves the table (the groups after it are renumbered, as after a reload).
     */
    void removePath(String path);

    /** A path removed before comes back into its map, in its old group. */
    void addPath(String path);

    /** The map is flushed (multipath -f): it goes away with its paths, which leave the state entirely. */
    void removeMap(String map);

    /**
     * A map removed before is created again, with the paths it had (those removed on their own stay
     * removed), as a new dm device: its event number starts over and I/O starts on the first usable group.
     */
    void addMap(String map);

    /**
     * While {@code hang} is true, the sim checker blocks on this path until the hang is lifted or the
     * checking thread is interrupted, so the engine's checker_timeout decides. The kernel's view does not
     * change and nothing is reported.
     */
    void hangChecks(String path, boolean hang);

    /**
     * Someone opens the map's device (a mounted file system, a process holding it), so multipathd refuses to
     * flush it ("map or partition in use") until as many {@link #closeMap} calls. Nothing is reported.
     */
    void openMap(String map);

    /** One opener of the map's device closes it. */
    void closeMap(String map);

    /**
     * The map's LUN grows on the array to {@code sizeBytes} and its disks are rescanned: the paths report the
     * new size at once, the map keeps its size until multipathd resizes it ({@code resize map}).
     *
     * @throws IllegalArgumentException when the size is not larger than the LUN's
     */
    void growLun(String map, long sizeBytes);

    /**
     * While {@code hang} is true the simulated multipathd answers no request (as when it is stopped with
     * SIGSTOP): a control call waits until its timeout and ends with a timeout, while the topology and the
     * faults go on. False makes it answer again.
     */
    void hangMultipathd(boolean hang);

    /**
     * While {@code busy} is true the simulated multipathd answers every request "busy" at once and does
     * nothing. False makes it answer again. The last of this and {@link #hangMultipathd} wins.
     */
    void busyMultipathd(boolean busy);
}
