package org.mpathbus.simulator.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.Path;
import org.mpathbus.api.SourceState;

/**
 * The in-memory SAN: maps, their paths and their links, and the kernel's view of them. Not thread-safe:
 * one thread (the simulator's) changes it and reads {@link #state()}; checker threads only use
 * {@link #device(String)}, whose lookup table never changes after construction.
 *
 * <p>Every change method returns true when the kernel's view changed, false when it was a no-op (failing
 * a failed path, removing a removed one), so the caller knows whether to announce a dm event.
 *
 * <p>Two sets of changes: faults (a link down, a device deleted, a LUN grown, a map held open), which throw
 * {@link NoSuchElementException} or {@link IllegalStateException} on a bad request, and what an administrator
 * has multipathd do (fail a path, flush a map, ...), which throw a {@link Refusal} with multipathd's answer.
 */
final class SimulatedSan {

    private final SanShape shape;
    private final List<SimMap> maps;
    private final Map<String, SimMap> mapsByKey;
    private final Map<String, SimPath> pathsByName;
    /** The host's WWIDs file (/etc/multipath/wwids): multipath records each map it makes. */
    private final Set<String> wwids = new LinkedHashSet<>();
    /** SAN components down now, as {@link SanComponent#key}. */
    private final Set<Long> downComponents = new HashSet<>();
    private SourceState state;

    SimulatedSan(SanShape shape) {
        this.shape = shape;
        SanLayout layout = new SanLayout(shape);
        maps = new ArrayList<>(shape.maps());
        mapsByKey = new HashMap<>(shape.maps() * 4);
        pathsByName = new HashMap<>(shape.maps() * shape.pathsPerMap() * 2);
        for (int index = 0; index < shape.maps(); index++) {
            String wwid = SanLayout.wwid(index);
            SimMap map = new SimMap(index, wwid, shape.userFriendlyNames() ? KernelNames.friendlyName(index) : wwid,
                    shape.sizeBytes());
            for (int slot = 0; slot < shape.pathsPerMap(); slot++) {
                int disk = layout.diskIndex(index, slot);
                String name = KernelNames.sdName(disk);
                SimPath path = new SimPath(name, KernelNames.sdDeviceNumber(disk), map, layout.group(slot),
                        layout.scsiAddress(index, slot), layout.transport(slot));
                map.addToGroup(path.group, path);
                pathsByName.put(name, path);
            }
            maps.add(map);
            mapsByKey.put(wwid, map);
            mapsByKey.put(map.name, map);
            mapsByKey.put(map.kernelName, map);
            wwids.add(wwid);
        }
    }

    SanShape shape() {
        return shape;
    }

    /** The complete state; maps that did not change since the last call are the same instances. */
    SourceState state() {
        if (state == null) {
            List<MultipathMap> present = new ArrayList<>(maps.size());
            List<Path> unmapped = new ArrayList<>();
            for (SimMap map : maps) {
                if (map.isPresent()) {
                    present.add(map.snapshot(shape));
                }
                map.addUnmappedDevices(unmapped, shape);
            }
            unmapped.sort(Comparator.comparing(Path::name, Path.KERNEL_NAME_ORDER));
            state = SourceState.of(present, unmapped);
        }
        return state;
    }

    boolean failPath(String name) {
        SimPath path = presentPath(name, "fail");
        return path.failLink() && changed(path.map);
    }

    boolean restorePath(String name) {
        SimPath path = presentPath(name, "restore");
        return path.restoreLink() && changed(path.map);
    }

    /**
     * A SAN component goes down and takes every path through it at once: the kernel fails each of them in the
     * same dm event. Returns how many paths the kernel failed (0: none was active, so no event); a component
     * already down is refused.
     */
    int failComponent(SanComponent component, int number) {
        return turnComponent(component, number, true);
    }

    /** The component comes back; returns how many paths the kernel reinstated in that one dm event. */
    int restoreComponent(SanComponent component, int number) {
        return turnComponent(component, number, false);
    }

    /** Every path through the component goes down or comes back with it; returns the paths dm saw change. */
    private int turnComponent(SanComponent component, int number, boolean down) {
        List<SimPath> through = through(component, number);
        long key = component.key(number);
        if (down ? !downComponents.add(key) : !downComponents.remove(key)) {
            throw new IllegalStateException(component.describe(number) + (down ? " is already down" : " is not down"));
        }
        int changed = 0;
        for (SimPath path : through) {
            if ((down ? path.componentDown() : path.componentUp()) && isVisible(path)) {
                changed++;
                changedQuietly(path.map);
            }
        }
        return changed;
    }

    /** Every LUN moves to its next controller (ALUA groups swap); returns how many maps changed. */
    int failover() {
        int changed = 0;
        for (SimMap map : maps) {
            if (map.failover() && map.isPresent()) {
                changed++;
            }
        }
        state = null;
        return changed;
    }

    private List<SimPath> through(SanComponent component, int number) {
        List<SimPath> through = new ArrayList<>();
        for (SimPath path : pathsByName.values()) {
            if (component.carries(path, number)) {
                through.add(path);
            }
        }
        if (through.isEmpty()) {
            throw new NoSuchElementException("no " + component.describe(number) + " in the simulated SAN ("
                    + component.range(shape) + ")");
        }
        return through;
    }

    private static boolean isVisible(SimPath path) {
        return path.isInMap() && path.map.isPresent();
    }

    /** A map touched by a burst: the group is re-chosen and the event counted once per path, as dm does. */
    private void changedQuietly(SimMap map) {
        if (!map.isRemoved()) {
            map.changed(shape.failbackImmediate());
        }
        state = null;
    }

    /** The device is deleted and leaves its map; with its map removed too, nothing visible changes. */
    boolean removePath(String name) {
        SimPath path = path(name);
        return path.setRemoved(true) && !path.map.isRemoved() && changed(path.map);
    }

    boolean addPath(String name) {
        SimPath path = path(name);
        if (path.map.isRemoved()) {
            throw new IllegalStateException("cannot add path " + name + ": its map " + path.map.name
                    + " is removed; add the map first");
        }
        return path.setRemoved(false) && changed(path.map);
    }

    boolean removeMap(String key) {
        SimMap map = map(key);
        if (!map.setRemoved(true)) {
            return false;
        }
        state = null;
        return true;
    }

    boolean addMap(String key) {
        SimMap map = map(key);
        if (!map.setRemoved(false)) {
            return false;
        }
        map.recreated();
        state = null;
        return true;
    }

    /** Someone opens the map's device (mounts it, say), so multipathd cannot flush it; no dm event. */
    void openMap(String key) {
        SimMap map = map(key);
        if (!map.isPresent()) {
            throw new IllegalStateException("cannot open map " + map.name + ": it is " + (map.isRemoved() ? "removed"
                    : "flushed"));
        }
        map.open();
    }

    void closeMap(String key) {
        SimMap map = map(key);
        if (!map.close()) {
            throw new IllegalStateException("map " + map.name + " is not open");
        }
    }

    /** The LUN grows on the array and its disks are rescanned: they report the new size, the map keeps its own. */
    boolean growLun(String key, long sizeBytes) {
        SimMap map = map(key);
        if (sizeBytes <= map.lunSizeBytes()) {
            throw new IllegalArgumentException("a LUN only grows: " + map.name + " has " + map.lunSizeBytes()
                    + " bytes, not more than " + sizeBytes);
        }
        map.growLun(sizeBytes);
        state = null;
        return !map.isRemoved();
    }

    // What multipathd does on an administrator's request

    /** multipathd's fail path: the kernel fails a path of a map. */
    boolean failPathInMap(String name) {
        SimPath path = pathInMap(name);
        return path.failByAdministrator() && changed(path.map);
    }

    boolean reinstatePathInMap(String name) {
        SimPath path = pathInMap(name);
        return path.reinstateByAdministrator() && changed(path.map);
    }

    /**
     * multipathd's del path: the path leaves its map and is a device in no map. A map left without paths is
     * flushed, as multipathd does, unless it is open. A device already in no map is only forgotten by
     * multipathd, which the kernel does not see.
     */
    boolean unmapPath(String name) {
        SimPath path = existingDevice(name);
        if (!path.setUnmapped(true)) {
            return false;
        }
        if (path.map.tableGroups().isEmpty() && !path.map.isOpen()) {
            path.map.flush();
            state = null;
            return true;
        }
        return changed(path.map);
    }

    /** multipathd's add path: a device in no map joins its WWID's map, which is made when it is the first. */
    boolean mapDevice(String name) {
        SimPath path = existingDevice(name);
        if (!path.setUnmapped(false)) {
            return false;
        }
        if (path.map.isFlushed()) {
            path.map.made();
            wwids.add(path.map.wwid);
            state = null;
            return true;
        }
        return changed(path.map);
    }

    /** multipathd's del map: the dm device goes, its disks stay in no map; refused while it is open. */
    boolean flushMap(String wwid) {
        SimMap map = presentMap(wwid);
        if (map.isOpen()) {
            throw Refusal.inUse();
        }
        map.flush();
        state = null;
        return true;
    }

    /** multipathd's resize map: the table takes its paths' size; the same size is a no-op, as multipathd says ok. */
    boolean resizeMap(String wwid) {
        SimMap map = presentMap(wwid);
        return map.resize() && changed(map);
    }

    /** multipathd's switchgroup by table index; the kernel refuses a group the table does not have. */
    boolean switchGroup(String wwid, int tableIndex) {
        SimMap map = presentMap(wwid);
        if (tableIndex < 1 || tableIndex > map.tableGroups().size()) {
            throw Refusal.failed();
        }
        map.switchTo(tableIndex);
        state = null;
        return true;
    }

    /** multipathd's disablequeueing (false) and restorequeueing (true, back to the configured queueing). */
    boolean setQueueing(String wwid, boolean queueing) {
        SimMap map = presentMap(wwid);
        return map.setQueueingDisabled(!queueing) && changed(map);
    }

    /**
     * multipathd's reconfigure: it discovers every device again and reloads every map from the configuration,
     * so flushed maps and paths taken out come back, administrators' fails and disabled queueing end.
     */
    boolean reconfigure() {
        for (SimMap map : maps) {
            if (map.isRemoved()) {
                continue;
            }
            for (SimPath disk : map.disks()) {
                disk.setUnmapped(false);
                disk.reinstateByAdministrator();
            }
            if (map.isFlushed()) {
                map.made();
            } else {
                map.reloaded();
            }
        }
        state = null;
        return true;
    }

    /** multipath -a: the WWID is in the WWIDs file (again); the kernel sees nothing. */
    void addWwid(String wwid) {
        wwids.add(wwid);
    }

    /** multipath -w: the WWID leaves the WWIDs file. */
    void forgetWwid(String wwid) {
        if (!wwids.remove(wwid)) {
            throw Refusal.notFound("wwid '" + wwid + "' is not in the WWIDs file");
        }
    }

    Set<String> wwids() {
        return Set.copyOf(wwids);
    }

    void hangChecks(String name, boolean hang) {
        path(name).setHung(hang);
    }

    /** Lets every check blocked on a hang return, for a SAN that is being replaced or shut down. */
    void releaseHangs() {
        for (SimPath path : pathsByName.values()) {
            path.setHung(false);
        }
    }

    /** The simulated disk of that kernel name, removed or not; safe from any thread. */
    Optional<SimPath> device(String name) {
        return Optional.ofNullable(pathsByName.get(name));
    }

    private boolean changed(SimMap map) {
        map.changed(shape.failbackImmediate());
        state = null;
        return true;
    }

    private static String bare(String name) {
        return name.startsWith("/dev/") ? name.substring("/dev/".length()) : name;
    }

    private SimPath pathInMap(String name) {
        SimPath path = pathsByName.get(bare(name));
        if (path == null || !path.isInMap() || !path.map.isPresent()) {
            throw Refusal.notFound();
        }
        return path;
    }

    private SimPath existingDevice(String name) {
        SimPath path = pathsByName.get(bare(name));
        if (path == null || path.isRemoved() || path.map.isRemoved()) {
            throw Refusal.notFound();
        }
        return path;
    }

    private SimMap presentMap(String wwid) {
        SimMap map = mapsByKey.get(wwid);
        if (map == null || !map.isPresent()) {
            throw Refusal.notFound();
        }
        return map;
    }

    private SimPath path(String name) {
        SimPath path = pathsByName.get(bare(name));
        if (path == null) {
            throw new NoSuchElementException("no path named '" + name + "' in the simulated SAN ("
                    + pathsByName.size() + " paths)");
        }
        return path;
    }

    private SimPath presentPath(String name, String action) {
        SimPath path = path(name);
        if (path.isRemoved()) {
            throw new IllegalStateException("cannot " + action + " path " + path.name + ": it is removed; add it first");
        }
        if (path.map.isRemoved()) {
            throw new IllegalStateException("cannot " + action + " path " + path.name + ": its map " + path.map.name
                    + " is removed; add the map first");
        }
        return path;
    }

    private SimMap map(String key) {
        String bare = key.startsWith("/dev/mapper/") ? key.substring("/dev/mapper/".length())
                : key.startsWith("/dev/") ? key.substring("/dev/".length()) : key;
        SimMap map = mapsByKey.get(bare);
        if (map == null) {
            throw new NoSuchElementException("no map with WWID, name or dm device '" + key + "' in the simulated SAN ("
                    + maps.size() + " maps)");
        }
        return map;
    }
}
