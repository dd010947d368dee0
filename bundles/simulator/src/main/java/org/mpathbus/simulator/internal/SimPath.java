package org.mpathbus.simulator.internal;

import org.mpathbus.api.CheckerState;
import org.mpathbus.api.DeviceNumber;
import org.mpathbus.api.DeviceState;
import org.mpathbus.api.DmPathState;
import org.mpathbus.api.Path;
import org.mpathbus.api.ScsiAddress;
import org.mpathbus.api.TransportInfo;
import org.mpathbus.api.spi.CheckResult;

/**
 * One simulated SCSI disk and its link. Changed only on the simulator's thread; the link, removal and
 * hang flags are also read by checker threads, hence volatile (hang under this object's monitor).
 *
 * <p>Two kinds of change meet here and stay apart: faults (the link, the device's deletion) and what the
 * administrator had multipathd do (fail the path in the kernel, take it out of its map). The kernel has the
 * path active only while neither the link nor the administrator failed it.
 */
final class SimPath {

    private static final CheckResult LINK_UP = CheckResult.of(CheckerState.UP, "sim: link up");
    private static final CheckResult LINK_DOWN = CheckResult.of(CheckerState.DOWN, "sim: link down");
    private static final CheckResult REMOVED = CheckResult.of(CheckerState.REMOVED, "sim: device removed");

    final String name;
    final SimMap map;
    /** The 1-based group of the table this path was configured into. */
    final int group;
    private final DeviceNumber deviceNumber;
    private final ScsiAddress scsiAddress;
    private final TransportInfo transport;

    private volatile boolean linkUp = true;
    /** SAN components on the way to the LUN that are down (its host port, target port, fabric). */
    private volatile int componentsDown;
    private volatile boolean removed;
    /** multipathd failed the path on request (fail path); the kernel keeps it failed until reinstated. */
    private boolean failedByAdministrator;
    /** multipathd took the path out of its map (del path, or its map was flushed); the device stays. */
    private boolean unmapped;
    private boolean hung;
    private int failCount;

    /** The last record handed out and the group index it carried; null when stale. */
    private Path snapshot;
    private int snapshotGroupIndex;

    SimPath(String name, DeviceNumber deviceNumber, SimMap map, int group, ScsiAddress scsiAddress,
            TransportInfo transport) {
        this.name = name;
        this.deviceNumber = deviceNumber;
        this.map = map;
        this.group = group;
        this.scsiAddress = scsiAddress;
        this.transport = transport;
    }

    boolean isRemoved() {
        return removed;
    }

    /** In its map's table: neither deleted nor taken out by multipathd. */
    boolean isInMap() {
        return !removed && !unmapped;
    }

    /** Present in the kernel's table and usable: what the dm status line shows as A. */
    boolean isActiveInMap() {
        return isInMap() && isActive();
    }

    /** A device that exists and that multipathd holds in no map. */
    boolean isUnmappedDevice() {
        return !removed && !map.isRemoved() && unmapped;
    }

    private boolean isActive() {
        return isLinkUp() && !failedByAdministrator;
    }

    /** Light reaches the LUN: the path's own link and every component on its way are up. */
    private boolean isLinkUp() {
        return linkUp && componentsDown == 0;
    }

    int host() {
        return scsiAddress.host();
    }

    int target() {
        return scsiAddress.target();
    }

    /**
     * A component on the path's way (host port, target port, fabric) goes down. True when that changed the
     * kernel's view of the path.
     */
    boolean componentDown() {
        boolean wasActive = isActive();
        changeActivity(() -> componentsDown++);
        return wasActive;
    }

    /** A component on the path's way comes back. True when that made the path active again. */
    boolean componentUp() {
        if (componentsDown == 0) {
            throw new IllegalStateException("no component of path " + name + " is down");
        }
        changeActivity(() -> componentsDown--);
        return isActive();
    }

    /** The priority changed (the array moved the LUN to another controller). */
    void priorityChanged() {
        snapshot = null;
    }

    /** The link goes down; the kernel fails the path once. Returns false when it already was down. */
    boolean failLink() {
        return linkUp && changeActivity(() -> linkUp = false);
    }

    boolean restoreLink() {
        return !linkUp && changeActivity(() -> linkUp = true);
    }

    /** multipathd's fail path: the kernel fails the path whatever its link. False when nothing changed. */
    boolean failByAdministrator() {
        return !failedByAdministrator && changeActivity(() -> failedByAdministrator = true);
    }

    /**
     * multipathd's reinstate path. With the link down the kernel's next I/O fails the path again at once, so
     * it stays failed.
     */
    boolean reinstateByAdministrator() {
        return failedByAdministrator && changeActivity(() -> failedByAdministrator = false);
    }

    /** Taken out of its map (true) or put back (false); leaving the map forgets an administrator's fail. */
    boolean setUnmapped(boolean value) {
        if (unmapped == value) {
            return false;
        }
        unmapped = value;
        failedByAdministrator = false;
        snapshot = null;
        return true;
    }

    /** The device's size changed (its LUN grew and the disk was rescanned). */
    void sizeChanged() {
        snapshot = null;
    }

    /** Applies a change of the link or of the administrator's fail, counting the kernel's active to failed. */
    private boolean changeActivity(Runnable change) {
        boolean wasActive = isActive();
        change.run();
        if (wasActive && !isActive()) {
            failCount++;
        }
        snapshot = null;
        return true;
    }

    boolean setRemoved(boolean value) {
        if (removed == value) {
            return false;
        }
        removed = value;
        snapshot = null;
        return true;
    }

    synchronized void setHung(boolean value) {
        hung = value;
        notifyAll();
    }

    /** What the sim checker sees: blocks while checks hang, then reports the device as it is. */
    CheckResult check() throws InterruptedException {
        synchronized (this) {
            while (hung) {
                wait();
            }
        }
        if (removed || map.isRemoved()) {
            return REMOVED;
        }
        return isLinkUp() ? LINK_UP : LINK_DOWN;
    }

    /**
     * The path as the kernel shows it in group {@code groupIndex} of its map, or, with 0, as a device in no
     * map; reused while unchanged.
     */
    Path snapshot(int groupIndex, SanShape shape) {
        if (snapshot == null || snapshotGroupIndex != groupIndex) {
            boolean mapped = groupIndex > 0;
            snapshot = Path.builder(name, deviceNumber)
                    .wwid(map.wwid)
                    .map(mapped ? map.wwid : "", groupIndex)
                    .dmState(!mapped ? DmPathState.UNDEF : isActive() ? DmPathState.ACTIVE : DmPathState.FAILED)
                    .failCount(failCount)
                    .deviceState(DeviceState.RUNNING)
                    .checker(shape.checker())
                    .priority(map.priority(group))
                    .scsiAddress(scsiAddress)
                    .transport(transport)
                    .identity(shape.identity())
                    .sizeBytes(map.lunSizeBytes())
                    .build();
            snapshotGroupIndex = groupIndex;
        }
        return snapshot;
    }
}
