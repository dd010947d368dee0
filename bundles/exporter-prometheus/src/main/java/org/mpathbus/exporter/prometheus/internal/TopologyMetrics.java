package org.mpathbus.exporter.prometheus.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.mpathbus.api.AnaState;
import org.mpathbus.api.DmGroupState;
import org.mpathbus.api.Health;
import org.mpathbus.api.MapKind;
import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.Path;
import org.mpathbus.api.PathGroup;
import org.mpathbus.api.Topology;
import org.mpathbus.api.statistics.CheckStatistics;
import org.mpathbus.api.statistics.TransitionStatistics;
import org.mpathbus.api.statistics.CheckerCounts;
import org.mpathbus.api.statistics.LastCheck;
import org.mpathbus.exporter.prometheus.internal.MetricFamilies.Counter;
import org.mpathbus.exporter.prometheus.internal.MetricFamilies.Gauge;
import org.mpathbus.exporter.prometheus.internal.MetricFamilies.Info;
import org.mpathbus.exporter.prometheus.internal.MetricFamilies.StateSet;

import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;

/**
 * Renders one topology snapshot, the event counters and the check statistics as metric families. Map metrics
 * carry node_exporter dmmultipath's labels (device = the dm name, sysfs_name = dm-N), path metrics device and
 * path. A path's three states are one series each, labelled with the current state as node_exporter's
 * path_state is; map health, queueing and group state are state sets (every state, the current one 1). The
 * bundle's README lists every metric and its cardinality.
 */
final class TopologyMetrics {

    private static final String PREFIX = "mpathbus_";

    /** A map's queue_if_no_path, as {@link MultipathMap#queueing()} words it. */
    enum Queueing { ON, OFF }

    private final Info deviceInfo = new Info(PREFIX + "device",
            "A multipath map: its dm name (device), dm kernel name (sysfs_name), WWID, vendor and product.");
    private final Gauge deviceSize = new Gauge(PREFIX + "device_size_bytes", "Size of the multipath map.", Unit.BYTES);
    private final Gauge devicePaths = new Gauge(PREFIX + "device_paths", "Paths of the map, over all its groups.",
            null);
    private final Gauge devicePathsActive = new Gauge(PREFIX + "device_paths_active",
            "Paths of the map the kernel has active (usable for I/O).", null);
    private final Gauge devicePathsFailed = new Gauge(PREFIX + "device_paths_failed",
            "Paths of the map the kernel has failed.", null);
    private final StateSet<Health> deviceHealth = new StateSet<>(PREFIX + "device_health",
            "The map's health: optimal (every path active), degraded (some failed) or failed (none active).",
            Health.class, Health::label);
    private final StateSet<Queueing> deviceQueueing = new StateSet<>(PREFIX + "device_queueing",
            "Whether the map queues I/O while it has no active path (feature queue_if_no_path).", Queueing.class,
            state -> state == Queueing.ON ? "on" : "off");
    private final Counter deviceFailures = new Counter(PREFIX + "device_failures",
            "Times the map lost its last active path (MapFailed events) since the exporter started.");
    private final Counter deviceRestorations = new Counter(PREFIX + "device_restorations",
            "Times the map got an active path back after having none (MapRestored events).");

    private final StateSet<DmGroupState> groupState = new StateSet<>(PREFIX + "group_state",
            "The kernel's state of the path group: active (I/O goes there), enabled or disabled.",
            DmGroupState.class, DmGroupState::label);
    private final Gauge groupPriority = new Gauge(PREFIX + "group_priority",
            "The path group's priority as multipathd computes it; -1 when unknown.", null);

    private final Info pathInfo = new Info(PREFIX + "path",
            "A path: its map (device, empty for a path in no map), group index, major:minor and checker.");
    private final Gauge pathState = new Gauge(PREFIX + "path_state",
            "The SCSI device's state in sysfs (running, offline, ...): 1 for the state the path is in.", null);
    private final Gauge pathDmState = new Gauge(PREFIX + "path_dm_state",
            "The kernel's view of the path (active, failed; undef in no map): 1 for the state it is in.", null);
    private final Gauge pathCheckerState = new Gauge(PREFIX + "path_checker_state",
            "The path checker's verdict (up, down, ghost, pending, timeout, unchecked, ...): 1 for the current one.",
            null);
    private final Gauge pathAnaState = new Gauge(PREFIX + "path_ana_state",
            "An NVMe path's ANA state (optimized, non-optimized, inaccessible, persistent-loss, change) with its ANA"
                    + " group and controller: 1 for the state it is in; no series for paths without ANA.", null);
    private final Info nvmeDevice = new Info(PREFIX + "nvme_device",
            "An NVMe native multipath map: its subsystem, the subsystem's NQN and iopolicy.");
    private final Counter pathDmFailures = new Counter(PREFIX + "path_dm_failures",
            "device-mapper's fail count of the path, from the map's status line.");
    private final Counter pathFailures = new Counter(PREFIX + "path_failures",
            "Times the kernel failed the path (PathFailed events, flaps between two reads included).");
    private final Counter pathReinstatements = new Counter(PREFIX + "path_reinstatements",
            "Times the kernel reinstated the path (PathReinstated events).");
    private final Gauge pathPriority = new Gauge(PREFIX + "path_priority",
            "The path's priority as multipathd computes it; -1 when unknown.", null);
    private final Gauge pathLastCheck = new Gauge(PREFIX + "path_last_check_timestamp_seconds",
            "When the path's last answered check finished (Unix time); its age is time() minus this.", Unit.SECONDS);
    private final Gauge pathLastCheckDuration = new Gauge(PREFIX + "path_last_check_duration_seconds",
            "How long the path's last answered check took.", Unit.SECONDS);

    private final Counter checkerChecks = new Counter(PREFIX + "checker_checks",
            "Checks the checker answered, in time or late.");
    private final Counter checkerTimeouts = new Counter(PREFIX + "checker_timeouts",
            "Checks that outlived their checker_timeout.");

    private final Info sourceInfo = new Info(PREFIX + "source",
            "Where the topology comes from (devmapper, simulator).");
    private final Gauge generation = new Gauge(PREFIX + "topology_generation",
            "The topology snapshot's generation; it grows with every change.", null);
    private final Counter events = new Counter(PREFIX + "events",
            "Topology events since the daemon started: the newest event's sequence number.");

    private final TransitionStatistics counters;
    private final Optional<CheckStatistics> checks;
    /** Whether this pass renders the families of the snapshot alone, or those of counters and checks. */
    private final boolean states;

    private TopologyMetrics(TransitionStatistics counters, Optional<CheckStatistics> checks, boolean states) {
        this.counters = counters;
        this.checks = checks;
        this.states = states;
    }

    /** Every metric family of one scrape; reads only immutable snapshots and lock-free counters. */
    static MetricSnapshots of(Topology topology, TransitionStatistics counters, Optional<CheckStatistics> checks) {
        List<MetricSnapshot> all = new ArrayList<>(stateFamilies(topology));
        all.addAll(activityFamilies(topology, counters, checks));
        return new MetricSnapshots(all);
    }

    /**
     * The families that depend on the snapshot alone (states, sizes, priorities, info): the same for as long
     * as the snapshot is, so a scraper may keep them until the topology changes.
     */
    static List<MetricSnapshot> stateFamilies(Topology topology) {
        return new TopologyMetrics(null, Optional.empty(), true).render(topology);
    }

    /** The families of the event counters and the check statistics, which change between any two scrapes. */
    static List<MetricSnapshot> activityFamilies(Topology topology, TransitionStatistics counters,
            Optional<CheckStatistics> checks) {
        return new TopologyMetrics(counters, checks, false).render(topology);
    }

    private List<MetricSnapshot> render(Topology topology) {
        // The client sorts each family's data points by labels; given in that order, its sort is one pass.
        for (Path path : byName(topology.unmappedPaths())) {
            addPath(path, "");
        }
        List<MultipathMap> maps = new ArrayList<>(topology.maps().values());
        maps.sort(Comparator.comparing(MultipathMap::name));
        for (MultipathMap map : maps) {
            addMap(map);
        }
        if (states) {
            sourceInfo.add(Labels.of("source", topology.source()));
            generation.add(Labels.EMPTY, topology.generation());
            return List.of(deviceInfo.build(), deviceSize.build(), devicePaths.build(), devicePathsActive.build(),
                    devicePathsFailed.build(), deviceHealth.build(), deviceQueueing.build(), groupState.build(),
                    groupPriority.build(), pathInfo.build(), pathState.build(), pathDmState.build(),
                    pathCheckerState.build(), pathAnaState.build(), nvmeDevice.build(), pathDmFailures.build(),
                    pathPriority.build(), sourceInfo.build(), generation.build());
        }
        addCheckers(topology);
        events.add(Labels.EMPTY, counters.lastSequence());
        return List.of(deviceFailures.build(), deviceRestorations.build(), pathFailures.build(),
                pathReinstatements.build(), pathLastCheck.build(), pathLastCheckDuration.build(),
                checkerChecks.build(), checkerTimeouts.build(), events.build());
    }

    private void addMap(MultipathMap map) {
        Labels labels = Labels.of("device", map.name(), "sysfs_name", map.kernelName());
        if (states) {
            addMapStates(map, labels);
        } else {
            deviceFailures.add(labels, counters.mapFailures(map.wwid()));
            deviceRestorations.add(labels, counters.mapRestorations(map.wwid()));
        }
        for (Path path : byName(map.paths())) {
            addPath(path, map.name());
        }
    }

    private void addMapStates(MultipathMap map, Labels labels) {
        deviceInfo.add(labels.merge(Labels.of("wwid", map.wwid(), "vendor", map.identity().vendor(),
                "product", map.identity().product())));
        if (map.kind() == MapKind.NVME) {
            nvmeDevice.add(labels.merge(Labels.of("subsystem", map.subsystem().name(), "nqn", map.subsystem().nqn(),
                    "iopolicy", map.subsystem().iopolicy())));
        }
        deviceSize.add(labels, map.sizeBytes());
        int paths = map.pathCount();
        int active = map.validPathCount();
        devicePaths.add(labels, paths);
        devicePathsActive.add(labels, active);
        devicePathsFailed.add(labels, paths - active);
        deviceHealth.add(labels, Health.of(active, paths));
        deviceQueueing.add(labels, "on".equals(map.queueing()) ? Queueing.ON : Queueing.OFF);
        List<PathGroup> groups = new ArrayList<>(map.groups());
        groups.sort(Comparator.comparing(group -> Integer.toString(group.index())));
        for (PathGroup group : groups) {
            Labels groupLabels = Labels.of("device", map.name(), "group", Integer.toString(group.index()));
            groupState.add(groupLabels, group.dmState());
            groupPriority.add(groupLabels, group.priority());
        }
    }

    private static List<Path> byName(List<Path> paths) {
        List<Path> sorted = new ArrayList<>(paths);
        sorted.sort(Comparator.comparing(Path::name));
        return sorted;
    }

    private void addPath(Path path, String device) {
        Labels labels = Labels.of("device", device, "path", path.name());
        if (states) {
            pathInfo.add(labels.merge(Labels.of("group", Integer.toString(path.groupIndex()), "major_minor",
                    path.deviceNumber().toString(), "checker", path.checker())));
            pathState.add(labels.add("state", path.deviceState().label()), 1);
            pathDmState.add(labels.add("state", path.dmState().label()), 1);
            pathCheckerState.add(labels.add("state", path.checkerState().label()), 1);
            if (path.anaState() != AnaState.NONE) {
                pathAnaState.add(labels.merge(Labels.of("state", path.anaState().label(), "ana_group",
                        Integer.toString(path.anaGroup()), "controller", path.controller().name())), 1);
            }
            pathDmFailures.add(labels, path.failCount());
            pathPriority.add(labels, path.priority());
            return;
        }
        pathFailures.add(labels, counters.pathFailures(path.name()));
        pathReinstatements.add(labels, counters.pathReinstatements(path.name()));
        Optional<LastCheck> last = checks.flatMap(statistics -> statistics.lastCheck(path.name()));
        if (last.isPresent()) {
            pathLastCheck.add(labels, last.get().finished().toEpochMilli() / 1000.0);
            pathLastCheckDuration.add(labels, last.get().duration().toNanos() / 1e9);
        }
    }

    /** Every installed checker, with zero counts before its first check, so increase() sees the first one. */
    private void addCheckers(Topology topology) {
        List<CheckerCounts> all = checks.map(CheckStatistics::checkerCounts).orElse(List.of());
        for (CheckerCounts counts : all) {
            Labels labels = Labels.of("checker", counts.checker());
            checkerChecks.add(labels, counts.checksRun());
            checkerTimeouts.add(labels, counts.checksTimedOut());
        }
        for (String checker : topology.checkers()) {
            if (all.stream().noneMatch(counts -> counts.checker().equals(checker))) {
                Labels labels = Labels.of("checker", checker);
                checkerChecks.add(labels, 0);
                checkerTimeouts.add(labels, 0);
            }
        }
    }
}
