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
 */
final class SimMap {

    static final String SELECTOR = "service-time 0";
    static final String HARDWARE_HANDLER = "1 alua";

    final String wwid;
    final String name;
    final String kernelName;
    private final DeviceNumber deviceNumber;
    /** The configured groups in table order; a group whose paths are all removed leaves the table. */
    private final List<List<SimPath>> groups = new ArrayList<>();

    private volatile boolean removed;
    /** The configured group I/O goes to, 1-based; 0 when no group has an active path. */
    private int activeGroup = 1;
    private long eventNumber;
    private MultipathMap snapshot;

    SimMap(int index, String wwid, String name) {
        this.wwid = wwid;
        this.name = name;
        this.kernelName = "dm-" + index;
        this.deviceNumber = new DeviceNumber(KernelNames.DM_MAJOR, index);
    }

    void addToGroup(int group, SimPath path) {
        while (groups.size() < group) {
            groups.add(new ArrayList<>());
        }
        groups.get(group - 1).add(path);
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

    /**
     * Something in the map changed (a dm event): re-chooses the group I/O goes to and bumps the event
     * number.
     */
    void changed(boolean failbackImmediate) {
        chooseGroup(failbackImmediate);
        eventNumber++;
        snapshot = null;
    }

    /** multipath created the device anew: a fresh event counter, I/O starting on the best usable group. */
    void recreated() {
        chooseGroup(true);
        eventNumber = 0;
        snapshot = null;
    }

    private void chooseGroup(boolean fromFirst) {
        if (fromFirst || activeGroup == 0 || !hasActivePath(activeGroup)) {
            activeGroup = 0;
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
            for (int group = 1; group <= groups.size(); group++) {
                int tableIndex = tableGroups.size() + 1;
                List<Path> paths = new ArrayList<>();
                for (SimPath path : groups.get(group - 1)) {
                    if (!path.isRemoved()) {
                        paths.add(path.snapshot(tableIndex, shape));
                    }
                }
                if (!paths.isEmpty()) {
                    tableGroups.add(PathGroup.of(tableIndex, SanLayout.priority(group), SELECTOR,
                            group == activeGroup ? DmGroupState.ACTIVE : DmGroupState.ENABLED, paths));
                }
            }
            snapshot = MultipathMap.builder(wwid, name, deviceNumber)
                    .kernelName(kernelName)
                    .sizeBytes(shape.sizeBytes())
                    .identity(shape.identity())
                    .features(shape.queueIfNoPath() ? List.of("queue_if_no_path") : List.of())
                    .hardwareHandler(HARDWARE_HANDLER)
                    .groups(tableGroups)
                    .eventNumber(eventNumber)
                    .build();
        }
        return snapshot;
    }
}
