package org.mpathbus.simulator.internal;

import java.util.ArrayList;
import java.util.List;

import org.mpathbus.api.DeviceNumber;
import org.mpathbus.api.DmGroupState;
import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.Path;
import org.mpathbus.api.PathGroup;

/**
 * One simulated dm-multipath device. Like the kernel it keeps I/O on its current group while that group
 * has an active path and otherwise moves to the first group that has one. Changed only on the
 * simulator's thread.
 *
 * <p>It is gone from the kernel when a fault removed the LUN ({@link #isRemoved()}, its disks go too) or when
 * multipathd flushed it ({@link #isFlushed()}, its disks stay as devices in no map).
 */
final class SimMap {

    static final String SELECTOR = "service-time 0";
    static final String HARDWARE_HANDLER = "1 alua";

    final String wwid;
    final String name;
    final String kernelName;
    private final DeviceNumber deviceNumber;
    /** The configured groups in table order; a group whose paths are all out leaves the table. */
    private final List<List<SimPath>> groups = new ArrayList<>();

    private volatile boolean removed;
    private boolean flushed;
    /** Openers of the dm device (a mounted file system, a process); multipathd cannot flush it meanwhile. */
    private int openCount;
    /** The LUN's size on the array, which its disks report. */
    private long lunSizeBytes;
    /** The dm table's size: the LUN's when the map was made, until multipathd resizes it. */
    private long mapSizeBytes;
    /** multipathd's disablequeueing is in force (until restorequeueing, reconfigure or a new map). */
    private boolean queueingDisabled;
    /** The configured group I/O goes to, 1-based; 0 when no group has an active path. */
    private int activeGroup = 1;
    /** The configured group the array serves active/optimized (ALUA); the others are non-optimized. */
    private int optimizedGroup = 1;
    private long eventNumber;
    private MultipathMap snapshot;

    SimMap(int index, String wwid, String name, long sizeBytes) {
        this.wwid = wwid;
        this.name = name;
        this.kernelName = "dm-" + index;
        this.deviceNumber = new DeviceNumber(KernelNames.DM_MAJOR, index);
        this.lunSizeBytes = sizeBytes;
        this.mapSizeBytes = sizeBytes;
    }

    void addToGroup(int group, SimPath path) {
        while (groups.size() < group) {
            groups.add(new ArrayList<>());
        }
        groups.get(group - 1).add(path);
    }

    /** Every disk of the LUN, in every state. */
    List<SimPath> disks() {
        List<SimPath> all = new ArrayList<>();
        groups.forEach(all::addAll);
        return all;
    }

    /** Adds its disks that exist in no map, as the kernel shows them; allocates nothing else. */
    void addUnmappedDevices(List<Path> into, SanShape shape) {
        for (List<SimPath> group : groups) {
            for (SimPath disk : group) {
                if (disk.isUnmappedDevice()) {
                    into.add(disk.snapshot(0, shape));
                }
            }
        }
    }

    boolean isRemoved() {
        return removed;
    }

    boolean setRemoved(boolean value) {
        if (removed == value) {
            return false;
        }
        removed = value;
        return true;
    }

    boolean isFlushed() {
        return flushed;
    }

    /** Present as a dm device. */
    boolean isPresent() {
        return !removed && !flushed;
    }

    /** multipathd removed the dm device; the disks stay, in no map. */
    void flush() {
        flushed = true;
        for (SimPath disk : disks()) {
            disk.setUnmapped(true);
        }
    }

    /** multipathd made the dm device anew from the LUN as it is now. */
    void made() {
        flushed = false;
        queueingDisabled = false;
        mapSizeBytes = lunSizeBytes;
        recreated();
    }

    boolean isOpen() {
        return openCount > 0;
    }

    void open() {
        openCount++;
    }

    /** False when nobody had it open. */
    boolean close() {
        if (openCount == 0) {
            return false;
        }
        openCount--;
        return true;
    }

    long lunSizeBytes() {
        return lunSizeBytes;
    }

    /** The LUN grew on the array and its disks were rescanned; the map keeps its size until resized. */
    void growLun(long sizeBytes) {
        lunSizeBytes = sizeBytes;
        for (SimPath disk : disks()) {
            disk.sizeChanged();
        }
        snapshot = null;
    }

    /** multipathd's resize map: the table takes its paths' size. False when it already had it. */
    boolean resize() {
        if (mapSizeBytes == lunSizeBytes) {
            return false;
        }
        mapSizeBytes = lunSizeBytes;
        return true;
    }

    /** False when it already was so. */
    boolean setQueueingDisabled(boolean value) {
        if (queueingDisabled == value) {
            return false;
        }
        queueingDisabled = value;
        return true;
    }

    /** The configured groups that are in the table now, in table order (table index = position + 1). */
    List<Integer> tableGroups() {
        List<Integer> present = new ArrayList<>(groups.size());
        for (int group = 1; group <= groups.size(); group++) {
            if (groups.get(group - 1).stream().anyMatch(SimPath::isInMap)) {
                present.add(group);
            }
        }
        return present;
    }

    /**
     * multipathd's switchgroup, by table index: I/O goes to that group, or on to the first usable one when it
     * has no active path, as the kernel does at the next I/O. A dm event, without failback undoing it.
     */
    void switchTo(int tableIndex) {
        activeGroup = tableGroups().get(tableIndex - 1);
        chooseGroup(false);
        eventNumber++;
        snapshot = null;
    }

    /**
     * Something in the map changed (a dm event): re-chooses the group I/O goes to and bumps the event
     * number.
     */
    void changed(boolean failbackImmediate) {
        chooseGroup(failbackImmediate);
        eventNumber++;
        snapshot = null;
    }

    /**
     * The table was loaded again from the configuration (multipathd's reconfigure): configured queueing, I/O
     * on the best usable group.
     */
    void reloaded() {
        queueingDisabled = false;
        changed(true);
    }

    /** multipath created the device anew: a fresh event counter, I/O starting on the best usable group. */
    void recreated() {
        chooseGroup(true);
        eventNumber = 0;
        snapshot = null;
    }

    /** The ALUA priority of a configured group, as multipathd's sysfs prioritizer computes it. */
    int priority(int group) {
        return SanLayout.priority(group == optimizedGroup);
    }

    /**
     * The array moves the LUN to its next controller: ALUA access states swap, so the next group is the
     * optimized one, and multipathd, seeing the priorities change, moves I/O to it when it has an active
     * path. False with a single group, which has no other controller.
     */
    boolean failover() {
        if (groups.size() < 2) {
            return false;
        }
        optimizedGroup = optimizedGroup % groups.size() + 1;
        disks().forEach(SimPath::priorityChanged);
        if (hasActivePath(optimizedGroup)) {
            activeGroup = optimizedGroup;
        }
        eventNumber++;
        snapshot = null;
        return true;
    }

    private void chooseGroup(boolean fromFirst) {
        if (fromFirst || activeGroup == 0 || !hasActivePath(activeGroup)) {
            activeGroup = 0;
            if (hasActivePath(optimizedGroup)) {
                activeGroup = optimizedGroup;
                return;
            }
            for (int group = 1; group <= groups.size(); group++) {
                if (hasActivePath(group)) {
                    activeGroup = group;
                    break;
                }
            }
        }
    }

    private boolean hasActivePath(int group) {
        for (SimPath path : groups.get(group - 1)) {
            if (path.isActiveInMap()) {
                return true;
            }
        }
        return false;
    }

    /** The map as the kernel shows it; the same instance while nothing changed. */
    MultipathMap snapshot(SanShape shape) {
        if (snapshot == null) {
            List<PathGroup> tableGroups = new ArrayList<>(groups.size());
            // As dm's status: the group chosen (here always the active one), else the first
            int nextGroup = 0;
            for (int group = 1; group <= groups.size(); group++) {
                int tableIndex = tableGroups.size() + 1;
                List<Path> paths = new ArrayList<>();
                for (SimPath path : groups.get(group - 1)) {
                    if (path.isInMap()) {
                        paths.add(path.snapshot(tableIndex, shape));
                    }
                }
                if (!paths.isEmpty()) {
                    if (group == activeGroup) {
                        nextGroup = tableIndex;
                    }
                    tableGroups.add(PathGroup.of(tableIndex, priority(group), SELECTOR,
                            group == activeGroup ? DmGroupState.ACTIVE : DmGroupState.ENABLED, paths));
                }
            }
            snapshot = MultipathMap.builder(wwid, name, deviceNumber)
                    .kernelName(kernelName)
                    .sizeBytes(mapSizeBytes)
                    .identity(shape.identity())
                    .features(shape.queueIfNoPath() && !queueingDisabled ? List.of("queue_if_no_path") : List.of())
                    .hardwareHandler(HARDWARE_HANDLER)
                    .groups(tableGroups)
                    .nextGroupIndex(nextGroup == 0 && !tableGroups.isEmpty() ? 1 : nextGroup)
                    .eventNumber(eventNumber)
                    .build();
        }
        return snapshot;
    }
}
