package org.mpathbus.api;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One immutable snapshot of everything the daemon knows. The engine makes a new one, with a higher
 * generation, for every change; readers keep whichever snapshot they hold for as long as they like.
 */
public final class Topology {

    private final long generation;
    private final Instant timestamp;
    private final String source;
    private final Map<String, MultipathMap> mapsByWwid;
    private final Map<String, Path> pathsByName;
    private final List<Path> unmappedPaths;
    private final SortedSet<String> checkers;

    /**
     * @param source the name of the source the snapshot came from ("devmapper", "simulator")
     * @param maps maps in the order they are to be listed
     * @param unmappedPaths paths that belong to no map
     * @param checkers names of the path checkers installed
     */
    public Topology(long generation, Instant timestamp, String source, Collection<MultipathMap> maps,
            Collection<Path> unmappedPaths, Collection<String> checkers) {
        this.generation = generation;
        this.timestamp = Objects.requireNonNull(timestamp, "timestamp");
        this.source = Objects.requireNonNull(source, "source");
        Map<String, MultipathMap> byWwid = new LinkedHashMap<>();
        Map<String, Path> byName = new HashMap<>();
        for (MultipathMap map : maps) {
            if (byWwid.put(map.wwid(), map) != null) {
                throw new IllegalArgumentException("two maps with WWID " + map.wwid());
            }
            for (PathGroup group : map.groups()) {
                for (Path path : group.paths()) {
                    byName.put(path.name(), path);
                }
            }
        }
        for (Path path : unmappedPaths) {
            byName.put(path.name(), path);
        }
        this.mapsByWwid = Collections.unmodifiableMap(byWwid);
        this.pathsByName = Collections.unmodifiableMap(byName);
        this.unmappedPaths = List.copyOf(unmappedPaths);
        this.checkers = Collections.unmodifiableSortedSet(new TreeSet<>(checkers));
    }

    public static Topology empty(String source) {
        return new Topology(0, Instant.EPOCH, source, List.of(), List.of(), List.of());
    }

    /** Grows by at least one with every change to the model. */
    public long generation() {
        return generation;
    }

    public Instant timestamp() {
        return timestamp;
    }

    public String source() {
        return source;
    }

    /** The maps, keyed by WWID, in listing order. */
    public Map<String, MultipathMap> maps() {
        return mapsByWwid;
    }

    /** Every path, mapped or not, keyed by kernel name. */
    public Map<String, Path> paths() {
        return pathsByName;
    }

    public List<Path> unmappedPaths() {
        return unmappedPaths;
    }

    public SortedSet<String> checkers() {
        return checkers;
    }

    public Optional<MultipathMap> map(String wwid) {
        return Optional.ofNullable(mapsByWwid.get(wwid));
    }

    public Optional<Path> path(String name) {
        return Optional.ofNullable(pathsByName.get(name));
    }

    /**
     * Finds a map the way an admin names it: WWID, dm name or alias, /dev/mapper/NAME, /dev/dm-N, dm-N,
     * or major:minor.
     */
    public Optional<MultipathMap> findMap(String id) {
        MultipathMap byWwid = mapsByWwid.get(id);
        if (byWwid != null) {
            return Optional.of(byWwid);
        }
        String bare = id.startsWith("/dev/mapper/") ? id.substring("/dev/mapper/".length())
                : id.startsWith("/dev/") ? id.substring("/dev/".length()) : id;
        for (MultipathMap map : mapsByWwid.values()) {
            if (map.name().equals(bare) || map.kernelName().equals(bare) || map.deviceNumber().toString().equals(id)) {
                return Optional.of(map);
            }
        }
        return Optional.empty();
    }

    /** Finds a path by kernel name, /dev/NAME or major:minor. */
    public Optional<Path> findPath(String id) {
        String bare = id.startsWith("/dev/") ? id.substring("/dev/".length()) : id;
        Path byName = pathsByName.get(bare);
        if (byName != null) {
            return Optional.of(byName);
        }
        for (Path path : pathsByName.values()) {
            if (path.deviceNumber().toString().equals(id)) {
                return Optional.of(path);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return "Topology[generation=" + generation + ", source=" + source + ", maps=" + mapsByWwid.size() + ", paths="
                + pathsByName.size() + "]";
    }
}
