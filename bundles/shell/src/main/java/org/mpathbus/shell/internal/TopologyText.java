package org.mpathbus.shell.internal;

import java.util.ArrayList;
import java.util.List;

import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.Path;
import org.mpathbus.api.PathGroup;
import org.mpathbus.api.Topology;

/** Maps and paths as text for a person: tables, and the tree {@code multipath -ll} prints. */
final class TopologyText {

    private TopologyText() {
    }

    static String mapTable(Topology topology) {
        TextTable table = new TextTable("NAME", "WWID", "DM", "DEV_T", "SIZE", "PATHS", "HEALTH", "USABLE");
        for (MultipathMap map : topology.maps().values()) {
            table.row(map.name(), map.wwid(), map.kernelName(), map.deviceNumber().toString(),
                    MultipathWords.size(map.sizeBytes()), map.validPathCount() + "/" + map.pathCount(),
                    map.health().label(), map.usable() ? "yes" : "no");
        }
        return table.toString();
    }

    /**
     * Checker states in our own words (up, down, unchecked ...), as the D-Bus API gives them; while
     * multipath.conf's blacklist applies, a BLACKLIST column with the rule that excludes each path.
     */
    static String pathTable(Topology topology) {
        boolean blacklist = topology.blacklistApplied();
        List<String> headers = new ArrayList<>(List.of("NAME", "DEV_T", "MAP", "GROUP", "DM_ST", "CHK_ST", "DEV_ST",
                "CHECKER", "HBTL"));
        if (blacklist) {
            headers.add("BLACKLIST");
        }
        TextTable table = new TextTable(headers.toArray(String[]::new));
        for (MultipathMap map : topology.maps().values()) {
            for (Path path : map.paths()) {
                pathRow(table, path, map.name(), blacklist);
            }
        }
        for (Path path : PathOrder.unmapped(topology)) {
            pathRow(table, path, "-", blacklist);
        }
        return table.toString();
    }

    private static void pathRow(TextTable table, Path path, String mapName, boolean blacklist) {
        List<String> cells = new ArrayList<>(List.of(path.name(), path.deviceNumber().toString(), mapName,
                path.groupIndex() == 0 ? "-" : Integer.toString(path.groupIndex()), path.dmState().label(),
                path.checkerState().label(), path.deviceState().label(), orDash(path.checker()),
                path.scsiAddress().toString()));
        if (blacklist) {
            cells.add(orDash(path.blacklistedBy()));
        }
        table.row(cells.toArray(String[]::new));
    }

    /** Every map as multipath -ll shows it, then the paths that belong to no map. */
    static String tree(Topology topology) {
        if (topology.paths().isEmpty() && topology.maps().isEmpty()) {
            return "no multipath maps and no paths (source: " + topology.source() + ")\n";
        }
        StringBuilder out = new StringBuilder();
        for (MultipathMap map : topology.maps().values()) {
            appendTree(out, map);
        }
        List<Path> unmapped = PathOrder.unmapped(topology);
        if (!unmapped.isEmpty()) {
            out.append("paths in no map:\n");
            for (Path path : unmapped) {
                out.append("  ").append(path.scsiAddress()).append(' ').append(path.name()).append(' ')
                        .append(path.deviceNumber()).append(' ').append(MultipathWords.checkerState(path.checkerState()))
                        .append(' ').append(MultipathWords.deviceState(path.deviceState())).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * One map as multipath -ll shows it:
     * <pre>
     * mpatha (36001405...) dm-0 LIO-ORG,disk
     * size=10G features='1 queue_if_no_path' hwhandler='1 alua' wp=rw
     * |-+- policy='service-time 0' prio=50 status=active
     * | `- 2:0:0:0 sda 8:0  active ready running
     * `-+- policy='service-time 0' prio=10 status=enabled
     *   `- 3:0:0:0 sdb 8:16 active ready running
     * </pre>
     */
    static void appendTree(StringBuilder out, MultipathMap map) {
        out.append(map.name());
        if (!map.name().equals(map.wwid())) {
            out.append(" (").append(map.wwid()).append(')');
        }
        out.append(' ').append(map.kernelName()).append(' ').append(map.identity().vendor()).append(',')
                .append(map.identity().product()).append('\n');
        out.append("size=").append(MultipathWords.size(map.sizeBytes()))
                .append(" features='").append(MultipathWords.features(map.features()))
                .append("' hwhandler='").append(MultipathWords.hardwareHandler(map.hardwareHandler()))
                .append("' wp=").append(MultipathWords.writeProtection(map.writeProtected())).append('\n');
        int[] widths = pathColumnWidths(map);
        List<PathGroup> groups = map.groups();
        for (int g = 0; g < groups.size(); g++) {
            PathGroup group = groups.get(g);
            boolean lastGroup = g == groups.size() - 1;
            out.append(lastGroup ? "`-+- " : "|-+- ").append("policy='").append(group.selector())
                    .append("' prio=").append(group.priority()).append(" status=").append(group.dmState().label())
                    .append('\n');
            List<Path> paths = group.paths();
            for (int p = 0; p < paths.size(); p++) {
                Path path = paths.get(p);
                out.append(lastGroup ? "  " : "| ").append(p == paths.size() - 1 ? "`- " : "|- ");
                TextTable.pad(out, path.scsiAddress().toString(), widths[0]);
                out.append(' ');
                TextTable.pad(out, path.name(), widths[1]);
                out.append(' ');
                TextTable.pad(out, path.deviceNumber().toString(), widths[2]);
                out.append(' ').append(path.dmState().label()).append(' ')
                        .append(MultipathWords.checkerState(path.checkerState())).append(' ')
                        .append(MultipathWords.deviceState(path.deviceState())).append('\n');
            }
        }
    }

    /**
     * {@code show}: the map's tree, then what multipath -ll leaves out: health, queueing, the dm event
     * number and, per path, the checker's own words, the failure count and the transport.
     */
    static String details(MultipathMap map) {
        StringBuilder out = new StringBuilder();
        appendTree(out, map);
        out.append("device=").append(map.devicePath()).append(" dev_t=").append(map.deviceNumber())
                .append(" dm_st=").append(MultipathWords.mapState(map.dmState()))
                .append(" health=").append(map.health().label())
                .append(" valid_paths=").append(map.validPathCount()).append('/').append(map.pathCount())
                .append(" queueing=").append(map.queueing())
                .append(" active_group=").append(map.activeGroupIndex())
                .append(" dm_events=").append(map.eventNumber()).append('\n');
        for (Path path : map.paths()) {
            out.append(path.name()).append(": checker=").append(orDash(path.checker()))
                    .append(" chk_st=").append(path.checkerState().label())
                    .append(" chk_msg=").append(Json.quoted(path.checkerMessage()))
                    .append(" failures=").append(path.failCount())
                    .append(" pri=").append(path.priority())
                    .append(" transport=").append(path.transport().protocol());
            appendIfSet(out, " host_wwpn=", path.transport().hostWwpn());
            appendIfSet(out, " target_wwpn=", path.transport().targetWwpn());
            appendIfSet(out, " host_adapter=", path.transport().hostAdapter());
            out.append('\n');
        }
        return out.toString();
    }

    private static int[] pathColumnWidths(MultipathMap map) {
        int[] widths = new int[3];
        for (Path path : map.paths()) {
            widths[0] = Math.max(widths[0], path.scsiAddress().toString().length());
            widths[1] = Math.max(widths[1], path.name().length());
            widths[2] = Math.max(widths[2], path.deviceNumber().toString().length());
        }
        return widths;
    }

    private static void appendIfSet(StringBuilder out, String label, String value) {
        if (!value.isEmpty()) {
            out.append(label).append(value);
        }
    }

    private static String orDash(String text) {
        return text.isEmpty() ? "-" : text;
    }
}
