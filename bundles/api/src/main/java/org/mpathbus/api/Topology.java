package org.mpathbus.api;

import java.time.Instant;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One immutable snapshot of everything the daemon knows. The engine makes a new one, with a higher
 * generation, for every change; readers keep whichever snapshot they hold for as long as they like.
 *
 * <p>The engine makes a snapshot for every single path change, so a snapshot is cheap to make: the maps
 * are indexed in one array, and the index of paths by name is built on first use, once, and shared by
 * all threads (most snapshots are never asked for a path by name, and indexing 10,000 paths each time was
 * most of the garbage of an update).
 */
public final class Topology {

    private final long generation;
    private final Instant timestamp;
    private final String source;
    private final Map<String, MultipathMap> mapsByWwid;
    private final List<Path> unmappedPaths;
    /** Built by {@link #paths()} on first use; volatile so every thread sees it whole. */
    private volatile Map<String, Path> pathsByName;
    private final SortedSet<String> checkers;
    private final boolean blacklistApplied;
    private final MultipathdState multipathd;

    private Topology(Builder b) {
        this.generation = b.generation;
        this.timestamp = Objects.requireNonNull(b.timestamp, "timestamp");
        this.source = Objects.requireNonNull(b.source, "source");
        this.mapsByWwid = Collections.unmodifiableMap(new MapsByWwid(b.maps));
        this.unmappedPaths = List.copyOf(b.unmappedPaths);
        this.checkers = Collections.unmodifiableSortedSet(new TreeSet<>(b.checkers));
        this.blacklistApplied = b.blacklistApplied;
        this.multipathd = Objects.requireNonNull(b.multipathd, "multipathd");
    }

    /**
     * A snapshot with the attributes every snapshot has; attributes added later keep their neutral defaults.
     *
     * @param source the name of the source the snapshot came from ({@link org.mpathbus.api.spi.MultipathSource#DEVMAPPER},
     *        {@link org.mpathbus.api.spi.MultipathSource#SIMULATOR})
     * @param maps maps in the order they are to be listed
     * @param unmappedPaths paths that belong to no map
     * @param checkers names of the path checkers installed
     */
    public static Topology of(long generation, Instant timestamp, String source, Collection<MultipathMap> maps,
            Collection<Path> unmappedPaths, Collection<String> checkers) {
        return builder(generation, timestamp, source).maps(maps).unmappedPaths(unmappedPaths).checkers(checkers)
                .build();
    }

    public static Builder builder(long generation, Instant timestamp, String source) {
        return new Builder(generation, timestamp, source);
    }

    public static Topology empty(String source) {
        return of(0, Instant.EPOCH, source, List.of(), List.of(), List.of());
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
        Map<String, Path> byName = pathsByName;
        if (byName == null) {
            synchronized (this) {
                byName = pathsByName;
                if (byName == null) {
                    byName = Collections.unmodifiableMap(indexPaths());
                    pathsByName = byName;
                }
            }
        }
        return byName;
    }

    private Map<String, Path> indexPaths() {
        Map<String, Path> byName = new HashMap<>();
        for (MultipathMap map : mapsByWwid.values()) {
            for (PathGroup group : map.groups()) {
                for (Path path : group.paths()) {
                    byName.put(path.name(), path);
                }
            }
        }
        for (Path path : unmappedPaths) {
            byName.put(path.name(), path);
        }
        return byName;
    }

    public List<Path> unmappedPaths() {
        return unmappedPaths;
    }

    public SortedSet<String> checkers() {
        return checkers;
    }

    /**
     * True while the engine applies a multipath.conf blacklist to the paths (the configuration bundle runs):
     * then each path's {@link Path#blacklistedBy()} is its verdict, else it is "" for every path.
     */
    public boolean blacklistApplied() {
        return blacklistApplied;
    }

    /**
     * What the owner of this snapshot's maps says about itself (multipathd's state, busy, reconfigure pending),
     * as the monitor of {@link #source()} last reported it; {@link MultipathdState#NOT_REPORTED} without one.
     */
    public MultipathdState multipathd() {
        return multipathd;
    }

    public Optional<MultipathMap> map(String wwid) {
        return Optional.ofNullable(mapsByWwid.get(wwid));
    }

    public Optional<Path> path(String name) {
        return Optional.ofNullable(paths().get(name));
    }

    @Override
    public String toString() {
        return "Topology[generation=" + generation + ", source=" + source + ", maps=" + mapsByWwid.size() + ", paths="
                + paths().size() + "]";
    }

    /** Builds snapshots; every attribute not set keeps a neutral default (nothing, no blacklist). */
    public static final class Builder {
        private final long generation;
        private final Instant timestamp;
        private final String source;
        private Collection<MultipathMap> maps = List.of();
        private Collection<Path> unmappedPaths = List.of();
        private Collection<String> checkers = List.of();
        private boolean blacklistApplied;
        private MultipathdState multipathd = MultipathdState.NOT_REPORTED;

        private Builder(long generation, Instant timestamp, String source) {
            this.generation = generation;
            this.timestamp = timestamp;
            this.source = source;
        }

        public Builder maps(Collection<MultipathMap> value) { maps = value; return this; }
        public Builder unmappedPaths(Collection<Path> value) { unmappedPaths = value; return this; }
        public Builder checkers(Collection<String> value) { checkers = value; return this; }
        public Builder blacklistApplied(boolean value) { blacklistApplied = value; return this; }
        public Builder multipathd(MultipathdState value) { multipathd = value; return this; }

        public Topology build() {
            return new Topology(this);
        }
    }

    /**
     * A snapshot's maps keyed by WWID, in listing order: the list itself plus an open-addressing table of the
     * same maps by WWID. The engine makes a snapshot for every change, and a hash map with one node per map
     * (2,500 of them) was most of the garbage such a change made; this costs one array. Immutable; readers see
     * it through {@link Collections#unmodifiableMap}.
     */
    private static final class MapsByWwid extends AbstractMap<String, MultipathMap> {

        private final List<MultipathMap> inOrder;
        /** Slot = WWID hash masked, then the next free slot; at most half full, so a probe ends soon. */
        private final MultipathMap[] table;

        MapsByWwid(Collection<MultipathMap> maps) {
            // One copy: List.copyOf copies an ArrayList (what the engine passes) twice.
            inOrder = Collections.unmodifiableList(new ArrayList<>(maps));
            table = new MultipathMap[Integer.highestOneBit(Math.max(1, inOrder.size()) * 4 - 1)];
            for (MultipathMap map : inOrder) {
                int slot = slotOf(map.wwid());
                if (table[slot] != null) {
                    throw new IllegalArgumentException("two maps with WWID " + map.wwid());
                }
                table[slot] = map;
            }
        }

        /** The slot holding the map with this WWID, or the empty slot where it would go. */
        private int slotOf(Object wwid) {
            int mask = table.length - 1;
            int slot = spread(wwid.hashCode()) & mask;
            while (table[slot] != null && !table[slot].wwid().equals(wwid)) {
                slot = (slot + 1) & mask;
            }
            return slot;
        }

        /** Folds the hash's high bits into the low ones the mask keeps, as HashMap does. */
        private static int spread(int hash) {
            return hash ^ (hash >>> 16);
        }

        @Override
        public MultipathMap get(Object wwid) {
            return wwid == null ? null : table[slotOf(wwid)];
        }

        @Override
        public boolean containsKey(Object wwid) {
            return get(wwid) != null;
        }

        @Override
        public int size() {
            return inOrder.size();
        }

        @Override
        public Collection<MultipathMap> values() {
            return inOrder;
        }

        @Override
        public Set<Map.Entry<String, MultipathMap>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Map.Entry<String, MultipathMap>> iterator() {
                    Iterator<MultipathMap> maps = inOrder.iterator();
                    return new Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return maps.hasNext();
                        }

                        @Override
                        public Map.Entry<String, MultipathMap> next() {
                            MultipathMap map = maps.next();
                            return new SimpleImmutableEntry<>(map.wwid(), map);
                        }
                    };
                }

                @Override
                public int size() {
                    return inOrder.size();
                }
            };
        }
    }
}
