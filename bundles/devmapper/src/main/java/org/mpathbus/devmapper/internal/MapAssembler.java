package org.mpathbus.devmapper.internal;

import java.util.ArrayList;
import java.util.List;

import org.mpathbus.api.DeviceIdentity;
import org.mpathbus.api.DmMapState;
import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.Path;
import org.mpathbus.api.PathGroup;

/** Builds a map from its dm table, its dm status and sysfs details of its paths. */
final class MapAssembler {

    private final Sysfs sysfs;

    MapAssembler(Sysfs sysfs) {
        this.sysfs = sysfs;
    }

    /**
     * @param table the DM_TABLE_STATUS reply with the table text
     * @param status the reply with the status text, read just after the table
     * @throws ParseException when either line breaks the multipath grammar
     * @throws TableStatusMismatch when the two replies describe different groups or paths (read during a reload)
     */
    MultipathMap assemble(DmTargets table, DmTargets status) throws ParseException, TableStatusMismatch {
        MultipathTable parsedTable = MultipathTableParser.parse(table.targets().get(0).parameters());
        MultipathStatus parsedStatus = MultipathStatusParser.parse(status.targets().get(0).parameters());
        requireSameShape(parsedTable, parsedStatus, table.name());
        String wwid = wwid(status);
        List<PathGroup> groups = new ArrayList<>();
        DeviceIdentity identity = DeviceIdentity.UNKNOWN;
        for (int g = 0; g < parsedTable.groups().size(); g++) {
            MultipathTable.Group tableGroup = parsedTable.groups().get(g);
            MultipathStatus.Group statusGroup = parsedStatus.groups().get(g);
            List<Path> paths = new ArrayList<>();
            for (MultipathStatus.PathStatus pathStatus : statusGroup.paths()) {
                String name = sysfs.pathName(pathStatus.device()).orElse(pathStatus.device().toString());
                Path path = sysfs.path(name, pathStatus.device()).toBuilder().wwid(wwid).map(wwid, g + 1)
                        .dmState(pathStatus.state()).failCount(pathStatus.failCount()).build();
                if (identity.equals(DeviceIdentity.UNKNOWN)) {
                    identity = path.identity();
                }
                paths.add(path);
            }
            groups.add(PathGroup.of(g + 1, Priorities.ofGroup(paths), tableGroup.selectorText(), statusGroup.state(),
                    paths));
        }
        return MultipathMap.builder(wwid, status.name(), status.device())
                .kernelName(sysfs.mapKernelName(status.device()))
                .sizeBytes(status.sizeSectors() * 512)
                .identity(identity)
                .features(parsedTable.features())
                .hardwareHandler(parsedTable.hardwareHandlerText())
                .dmState(status.suspended() ? DmMapState.SUSPENDED : DmMapState.ACTIVE)
                .writeProtected(status.readOnly())
                .groups(groups)
                .nextGroupIndex(parsedStatus.nextGroup())
                .eventNumber(status.eventNumber())
                .build();
    }

    /** The map's WWID: its dm uuid without "mpath-", or its name when it has no such uuid. */
    static String wwid(DmTargets device) {
        String uuid = device.uuid();
        return uuid.startsWith(DmTargets.MULTIPATH_UUID_PREFIX) ? uuid.substring(DmTargets.MULTIPATH_UUID_PREFIX.length())
                : uuid.isEmpty() ? device.name() : uuid;
    }

    private static void requireSameShape(MultipathTable table, MultipathStatus status, String map)
            throws TableStatusMismatch {
        if (table.groups().size() != status.groups().size()) {
            throw new TableStatusMismatch(map + ": table has " + table.groups().size() + " path groups, status "
                    + status.groups().size());
        }
        for (int g = 0; g < table.groups().size(); g++) {
            List<MultipathTable.PathSpec> tablePaths = table.groups().get(g).paths();
            List<MultipathStatus.PathStatus> statusPaths = status.groups().get(g).paths();
            boolean same = tablePaths.size() == statusPaths.size();
            for (int p = 0; same && p < tablePaths.size(); p++) {
                same = tablePaths.get(p).device().equals(statusPaths.get(p).device());
            }
            if (!same) {
                throw new TableStatusMismatch(map + ": table and status list different paths in group " + (g + 1));
            }
        }
    }

    /** The table and the status were read on either side of a reload. */
    static final class TableStatusMismatch extends Exception {
        private static final long serialVersionUID = 1L;

        TableStatusMismatch(String message) {
            super(message);
        }
    }
}
