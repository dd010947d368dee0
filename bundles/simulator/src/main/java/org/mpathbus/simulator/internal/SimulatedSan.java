package org.mpathbus.simulator.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.SourceState;

/**
 * The in-memory SAN: maps, their paths and their links, and the kernel's view of them. Not thread-safe:
 * one thread (the simulator's) changes it and reads {@link #state()}; checker threads only use
 * {@link #device(String)}, whose lookup table never changes after construction.
 *
 * <p>Every change method returns true when the kernel's view changed, false when it was a no-op (failing
 * a failed path, removing a removed one), so the caller knows whether to announce a dm event.
 */
final class SimulatedSan {

    private final SanShape shape;
    private final List<SimMap> maps;
    private final Map<String, SimMap> mapsByKey;
    private final Map<String, SimPath> pathsByName;
    private SourceState state;

    SimulatedSan(SanShape shape) {
        this.shape = shape;
        SanLayout layout = new SanLayout(shape);
        maps = new ArrayList<>(shape.maps());
        mapsByKey = new HashMap<>(shape.maps() * 4);
        pathsByName = new HashMap<>(shape.maps() * shape.pathsPerMap() * 2);
        for (int index = 0; index < shape.maps(); index++) {
            String wwid = SanLayout.wwid(index);
            SimMap map = new SimMap(index, wwid, shape.userFriendlyNames() ? KernelNames.friendlyName(index) : wwid);
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
        }
    }

    SanShape shape() {
        return shape;
    }

    /** The complete state; maps that did not change since the last call are the same instances. */
    SourceState state() {
        if (state == null) {
            List<MultipathMap> present = new ArrayList<>(maps.size());
            for (SimMap map : maps) {
                if (!map.isRemoved()) {
                    present.add(map.snapshot(shape));
                }
            }
            state = SourceState.of(present, List.of());
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

    private SimPath path(String name) {
        String bare = name.startsWith("/dev/") ? name.substring("/dev/".length()) : name;
        SimPath path = pathsByName.get(bare);
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
