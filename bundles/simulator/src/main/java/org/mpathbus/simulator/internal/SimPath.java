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
    private volatile boolean removed;
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

    /** Present in the kernel's table and usable: what the dm status line shows as A. */
    boolean isActiveInMap() {
        return !removed && linkUp;
    }

    /** The link goes down; the kernel fails the path once. Returns false when it already was down. */
    boolean failLink() {
        if (!linkUp) {
            return false;
        }
        linkUp = false;
        failCount++;
        snapshot = null;
        return true;
    }

    boolean restoreLink() {
        if (linkUp) {
            return false;
        }
        linkUp = true;
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
        return linkUp ? LINK_UP : LINK_DOWN;
    }

    /** The path as the kernel shows it in group {@code groupIndex} of its map; reused while unchanged. */
    Path snapshot(int groupIndex, SanShape shape) {
        if (snapshot == null || snapshotGroupIndex != groupIndex) {
            snapshot = Path.builder(name, deviceNumber)
                    .wwid(map.wwid)
                    .map(map.wwid, groupIndex)
                    .dmState(linkUp ? DmPathState.ACTIVE : DmPathState.FAILED)
                    .failCount(failCount)
                    .deviceState(DeviceState.RUNNING)
                    .checker(shape.checker())
                    .priority(SanLayout.priority(group))
                    .scsiAddress(scsiAddress)
                    .transport(transport)
                    .identity(shape.identity())
                    .sizeBytes(shape.sizeBytes())
                    .build();
            snapshotGroupIndex = groupIndex;
        }
        return snapshot;
    }
}
