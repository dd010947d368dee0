package org.mpathbus.exporter.dbus.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.mpathbus.api.CheckerState;
import org.mpathbus.api.DeviceIdentity;
import org.mpathbus.api.DeviceNumber;
import org.mpathbus.api.DeviceState;
import org.mpathbus.api.DmGroupState;
import org.mpathbus.api.DmPathState;
import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.Path;
import org.mpathbus.api.PathGroup;
import org.mpathbus.api.ScsiAddress;
import org.mpathbus.api.Topology;
import org.mpathbus.api.TopologyService;
import org.mpathbus.api.TransportInfo;
import org.mpathbus.api.event.MapAdded;
import org.mpathbus.api.event.MapFailed;
import org.mpathbus.api.event.MapRemoved;
import org.mpathbus.api.event.MapRestored;
import org.mpathbus.api.event.PathFailed;
import org.mpathbus.api.event.PathReinstated;
import org.mpathbus.api.event.TopologyEvent;
import org.mpathbus.api.spi.TopologyListener;

/**
 * A stand-in for the core engine: a SAN of {@code maps} maps with {@code pathsPerMap} paths in two groups each,
 * built with the API's builders, with the engine's contract toward listeners (first call: snapshot and no
 * events; later calls: new snapshot and ordered, numbered events).
 */
final class FakeEngine implements TopologyService {

    private final int maps;
    private final int pathsPerMap;
    private final Set<String> failedPaths = new HashSet<>();
    private final Set<Integer> removedMaps = new HashSet<>();
    private final List<TopologyListener> listeners = new CopyOnWriteArrayList<>();
    private final List<TopologyEvent> history = new ArrayList<>();
    // Unchanged maps stay the very same instances from snapshot to snapshot, as the engine keeps them
    private final java.util.Map<Integer, MultipathMap> mapCache = new java.util.HashMap<>();
    private final java.util.Map<String, Integer> mapOfPath = new java.util.HashMap<>();
    /** The blacklist verdicts the engine decides, by path name */
    private java.util.Map<String, String> verdicts = java.util.Map.of();
    private long generation = 1;
    private long sequence;
    private Topology current;

    FakeEngine(int maps, int pathsPerMap) {
        this.maps = maps;
        this.pathsPerMap = pathsPerMap;
        this.current = build();
    }

    static String wwid(int map) {
        return String.format("36001405%024x", map);
    }

    static String mapName(int map) {
        return "mpath" + letters(map);
    }

    /** The kernel name of path {@code index} of map {@code map}: sda, sdb, ... sdaa ... */
    String pathName(int map, int index) {
        return "sd" + letters(map * pathsPerMap + index);
    }

    static String letters(int n) {
        StringBuilder s = new StringBuilder();
        int value = n;
        do {
            s.insert(0, (char) ('a' + value % 26));
            value = value / 26 - 1;
        } while (value >= 0);
        return s.toString();
    }

    /** An exporter on {@code busAddress}, started, whose Manager.Refresh re-reads this engine; not yet fed. */
    ExportWriter startWriter(String busAddress) {
        ExportWriter writer = new ExportWriter(busAddress, "0.1.0", new BusRouter(() -> refresh().generation()),
                new Introspection(), this::refresh);
        writer.start();
        return writer;
    }

    /** An exporter on {@code busAddress} fed by this engine, returned once it owns the name. */
    ExportWriter exportOn(String busAddress) throws Exception {
        ExportWriter writer = startWriter(busAddress);
        register(writer::offer);
        try (BusClient client = new BusClient(busAddress)) {
            client.awaitName(true, 10_000);
        }
        return writer;
    }

    synchronized void register(TopologyListener listener) {
        listeners.add(listener);
        listener.topologyChanged(current, List.of());
    }

    synchronized void unregister(TopologyListener listener) {
        listeners.remove(listener);
    }

    /** The engine decides new blacklist verdicts (path name to rule): every path that carries one changes. */
    synchronized void blacklist(java.util.Map<String, String> rules) {
        verdicts = rules;
        mapCache.clear();
        publish(List.of());
    }

    /** The kernel fails {@code path}: PathFailed, and MapFailed when it was the map's last active path. */
    synchronized List<TopologyEvent> fail(String path) {
        failedPaths.add(path);
        mapCache.remove(mapOfPath.get(path));
        return change(path, true);
    }

    synchronized List<TopologyEvent> restore(String path) {
        failedPaths.remove(path);
        mapCache.remove(mapOfPath.get(path));
        return change(path, false);
    }

    synchronized List<TopologyEvent> removeMap(int map) {
        MultipathMap gone = current.maps().get(wwid(map));
        removedMaps.add(map);
        return publish(List.of(new MapRemoved(++sequence, Instant.now(), gone)));
    }

    synchronized List<TopologyEvent> addMap(int map) {
        removedMaps.remove(map);
        current = build();
        return publish(List.of(new MapAdded(++sequence, Instant.now(), current.maps().get(wwid(map)))));
    }

    private List<TopologyEvent> change(String pathName, boolean failed) {
        generation++;
        Topology next = build();
        // Found through its map: indexing 10,000 paths per change (~0.5 MB) would make the stand-in's garbage,
        // not the exporter, pace the benchmark's tail
        MultipathMap after = next.maps().get(wwid(mapOfPath.get(pathName)));
        Path path = after.paths().stream().filter(candidate -> candidate.name().equals(pathName)).findFirst()
                .orElseThrow();
        MultipathMap before = current.maps().get(after.wwid());
        List<TopologyEvent> events = new ArrayList<>();
        Instant now = Instant.now();
        if (failed) {
            events.add(new PathFailed(++sequence, now, path, after.validPathCount()));
            if (after.validPathCount() == 0 && before.validPathCount() > 0) {
                events.add(new MapFailed(++sequence, now, after));
            }
        } else {
            events.add(new PathReinstated(++sequence, now, path, after.validPathCount()));
            if (before.validPathCount() == 0 && after.validPathCount() > 0) {
                events.add(new MapRestored(++sequence, now, after));
            }
        }
        current = next;
        return announce(events);
    }

    private List<TopologyEvent> publish(List<TopologyEvent> events) {
        generation++;
        current = build();
        return announce(events);
    }

    private List<TopologyEvent> announce(List<TopologyEvent> events) {
        history.addAll(events);
        for (TopologyListener listener : listeners) {
            listener.topologyChanged(current, events);
        }
        return events;
    }

    private Topology build() {
        List<MultipathMap> all = new ArrayList<>();
        for (int m = 0; m < maps; m++) {
            if (!removedMaps.contains(m)) {
                all.add(mapCache.computeIfAbsent(m, this::map));
            }
        }
        return Topology.of(generation, Instant.now(), "fake", all, List.of(), List.of("sim", "tur"));
    }

    private MultipathMap map(int m) {
        String wwid = wwid(m);
        List<PathGroup> groups = new ArrayList<>();
        int perGroup = Math.max(1, pathsPerMap / 2);
        for (int g = 1; g * perGroup <= pathsPerMap; g++) {
            List<Path> paths = new ArrayList<>();
            for (int p = (g - 1) * perGroup; p < g * perGroup; p++) {
                paths.add(path(m, p, wwid, g));
            }
            groups.add(PathGroup.of(g, g == 1 ? 50 : 10, "service-time 0",
                    g == 1 ? DmGroupState.ACTIVE : DmGroupState.ENABLED, paths));
        }
        return MultipathMap.builder(wwid, mapName(m), new DeviceNumber(253, m))
                .kernelName("dm-" + m)
                .sizeBytes(1L << 30)
                .identity(new DeviceIdentity("LIO-ORG", "disk" + m, "4.0"))
                .features(List.of("queue_if_no_path"))
                .hardwareHandler("1 alua")
                .groups(groups)
                .nextGroupIndex(2)
                .build();
    }

    private Path path(int m, int p, String wwid, int group) {
        String name = pathName(m, p);
        mapOfPath.put(name, m);
        boolean failed = failedPaths.contains(name);
        return Path.builder(name, new DeviceNumber(8, (m * pathsPerMap + p) * 16))
                .wwid(wwid)
                .map(wwid, group)
                .dmState(failed ? DmPathState.FAILED : DmPathState.ACTIVE)
                .failCount(failed ? 1 : 0)
                .deviceState(DeviceState.RUNNING)
                .checker("sim")
                .checkerState(failed ? CheckerState.DOWN : CheckerState.UP)
                .checkerMessage(failed ? "sim: link down" : "sim: up")
                .priority(group == 1 ? 50 : 10)
                .scsiAddress(new ScsiAddress(p + 2, 0, 0, m))
                .transport(new TransportInfo("fc", "0x2000000000000001", "0x2100000000000001", "0x2000000000000a0" + p,
                        "0x2100000000000a0" + p, "0000:3b:00." + p))
                .identity(new DeviceIdentity("LIO-ORG", "disk" + m, "4.0"))
                .sizeBytes(1L << 30)
                .blacklistedBy(verdicts.getOrDefault(name, ""))
                .build();
    }

    @Override
    public synchronized Topology topology() {
        return current;
    }

    @Override
    public synchronized List<TopologyEvent> recentEvents() {
        return List.copyOf(history);
    }

    @Override
    public synchronized Topology refresh() {
        publish(List.of());
        return current;
    }
}
