package org.mpathbus.devmapper.internal;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.mpathbus.api.DeviceNumber;
import org.mpathbus.api.DeviceState;
import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.Path;
import org.mpathbus.api.PathGroup;
import org.mpathbus.api.SourceState;

/**
 * Reads the kernel's multipath maps into a {@link SourceState}, remembering the last read so that a map
 * whose event number and table text are unchanged is neither re-read nor rebuilt: it stays the very same
 * instance. A reload keeps the event number, so the table text (one ioctl) is compared too.
 */
final class StateReader {

    private static final System.Logger LOG = System.getLogger(StateReader.class.getName());
    private static final int ATTEMPTS = 3;

    private final Sysfs sysfs;
    private final MapAssembler assembler;
    private Map<DeviceNumber, Known> known = new HashMap<>();
    private Map<String, Path> unmapped = new HashMap<>();

    /** A map as last read, with the table text it came from. */
    private record Known(MultipathMap map, String tableText) {
    }

    StateReader(Sysfs sysfs) {
        this.sysfs = sysfs;
        this.assembler = new MapAssembler(sysfs);
    }

    /**
     * @param full re-read every map's status and paths even when nothing says it changed (the reconcile)
     */
    SourceState read(DmControl dm, boolean full) throws IOException {
        Map<DeviceNumber, Known> next = new HashMap<>();
        for (DmDevice device : dm.listDevices()) {
            if (device.knownNotMultipath()) {
                continue;
            }
            Known previous = known.get(device.device());
            readMap(dm, device, previous, full).ifPresent(k -> next.put(device.device(), k));
        }
        known = next;
        Set<String> mappedNames = new HashSet<>();
        for (Known k : next.values()) {
            for (Path path : k.map().paths()) {
                mappedNames.add(path.name());
            }
        }
        unmapped = readUnmapped(mappedNames);
        return state();
    }

    /**
     * Re-reads only each known path's sysfs device state and ALUA priority: a path set offline or running
     * again, or an ALUA transition, raises no dm event, and the engine's checks follow the device state.
     * A few small reads per path; maps and paths whose state did not change stay the same instances.
     *
     * @return the new state when a device state or priority changed, else empty
     */
    Optional<SourceState> readPathStates() {
        boolean changed = false;
        Map<DeviceNumber, Known> nextKnown = new HashMap<>();
        for (Map.Entry<DeviceNumber, Known> entry : known.entrySet()) {
            Known k = entry.getValue();
            MultipathMap map = withPathStates(k.map());
            changed |= map != k.map();
            nextKnown.put(entry.getKey(), map == k.map() ? k : new Known(map, k.tableText()));
        }
        Map<String, Path> nextUnmapped = new HashMap<>();
        for (Path path : unmapped.values()) {
            Path updated = withPathState(path);
            changed |= updated != path;
            nextUnmapped.put(updated.name(), updated);
        }
        if (!changed) {
            return Optional.empty();
        }
        known = nextKnown;
        unmapped = nextUnmapped;
        return Optional.of(state());
    }

    private MultipathMap withPathStates(MultipathMap map) {
        List<PathGroup> groups = new ArrayList<>(map.groups().size());
        boolean mapChanged = false;
        for (PathGroup group : map.groups()) {
            List<Path> paths = new ArrayList<>(group.paths().size());
            boolean groupChanged = false;
            for (Path path : group.paths()) {
                Path updated = withPathState(path);
                groupChanged |= updated != path;
                paths.add(updated);
            }
            groups.add(groupChanged ? PathGroup.of(group.index(), Priorities.ofGroup(paths), group.selector(),
                    group.dmState(), paths) : group);
            mapChanged |= groupChanged;
        }
        return mapChanged ? map.toBuilder().groups(groups).build() : map;
    }

    private Path withPathState(Path path) {
        DeviceState state = sysfs.deviceState(path.name());
        int priority = sysfs.refreshedPriority(path.name(), path.priority());
        return state == path.deviceState() && priority == path.priority() ? path
                : path.toBuilder().deviceState(state).priority(priority).build();
    }

    private SourceState state() {
        List<MultipathMap> maps = new ArrayList<>(known.size());
        for (Known k : known.values()) {
            maps.add(k.map());
        }
        maps.sort(Comparator.comparing(MultipathMap::name));
        List<Path> paths = new ArrayList<>(unmapped.values());
        paths.sort(Comparator.comparing(Path::name));
        return SourceState.of(maps, paths);
    }

    private Optional<Known> readMap(DmControl dm, DmDevice device, Known previous, boolean full) throws IOException {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Optional<DmTargets> table = dm.readTargets(device.device(), true);
            if (table.isEmpty() || !table.get().isMultipath()) {
                return Optional.empty();
            }
            String tableText = table.get().targets().get(0).parameters();
            if (!full && previous != null && previous.map().eventNumber() == table.get().eventNumber()
                    && previous.tableText().equals(tableText) && previous.map().name().equals(table.get().name())) {
                return Optional.of(previous);
            }
            Optional<DmTargets> status = dm.readTargets(device.device(), false);
            if (status.isEmpty() || !status.get().isMultipath()) {
                return Optional.empty();
            }
            if (status.get().eventNumber() != table.get().eventNumber()) {
                continue;
            }
            try {
                MultipathMap map = assembler.assemble(table.get(), status.get());
                if (previous != null && previous.map().equals(map)) {
                    map = previous.map();
                }
                return Optional.of(new Known(map, tableText));
            } catch (ParseException e) {
                LOG.log(Level.WARNING, "map " + table.get().name() + ": cannot parse its dm table or status; keeping "
                        + (previous == null ? "it out of the topology" : "its last good state") + ": " + e.getMessage());
                return Optional.ofNullable(previous);
            } catch (MapAssembler.TableStatusMismatch e) {
                LOG.log(Level.DEBUG, "re-reading " + e.getMessage());
            }
        }
        LOG.log(Level.WARNING, "map " + device.name() + " kept changing while it was read " + ATTEMPTS
                + " times; keeping its last state");
        return Optional.ofNullable(previous);
    }

    private Map<String, Path> readUnmapped(Set<String> mappedNames) {
        Map<String, Path> next = new HashMap<>();
        for (String name : sysfs.candidatePathNames()) {
            if (mappedNames.contains(name)) {
                continue;
            }
            Optional<DeviceNumber> device = sysfs.deviceNumber(name);
            if (device.isEmpty()) {
                continue;
            }
            Path path = sysfs.path(name, device.get());
            Path previous = unmapped.get(name);
            if (path.equals(previous)) {
                path = previous;
            }
            next.put(name, path);
        }
        return next;
    }
}
