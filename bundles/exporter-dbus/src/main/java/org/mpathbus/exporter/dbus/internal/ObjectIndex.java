package org.mpathbus.exporter.dbus.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Every exported object by object path, immutable once built. It is split into shards that a new model shares
 * with the previous one, copying only the shards it changes: an update that touches a map, a group and a path
 * copies three small shards instead of a table of 17,500 objects.
 */
final class ObjectIndex {

    private static final int SHARDS = 256;

    private final Map<String, BusObject>[] shards;
    private final int size;

    private ObjectIndex(Map<String, BusObject>[] shards, int size) {
        this.shards = shards;
        this.size = size;
    }

    @SuppressWarnings("unchecked")
    static Builder builder() {
        Map<String, BusObject>[] shards = new Map[SHARDS];
        Arrays.fill(shards, Map.of());
        return new Builder(shards, 0);
    }

    BusObject get(String path) {
        return shards[shard(path)].get(path);
    }

    int size() {
        return size;
    }

    /** A builder that starts from this index and leaves it untouched. */
    Builder toBuilder() {
        return new Builder(shards.clone(), size);
    }

    private static int shard(String path) {
        int hash = path.hashCode();
        return (hash ^ (hash >>> 16)) & (SHARDS - 1);
    }

    static final class Builder {

        private final Map<String, BusObject>[] shards;
        /** Shards this builder copied: its own to change. */
        private final boolean[] owned = new boolean[SHARDS];
        private int size;

        private Builder(Map<String, BusObject>[] shards, int size) {
            this.shards = shards;
            this.size = size;
        }

        BusObject get(String path) {
            return shards[shard(path)].get(path);
        }

        Builder put(String path, BusObject object) {
            if (writable(path).put(path, object) == null) {
                size++;
            }
            return this;
        }

        Builder remove(String path) {
            if (writable(path).remove(path) != null) {
                size--;
            }
            return this;
        }

        private Map<String, BusObject> writable(String path) {
            int shard = shard(path);
            if (!owned[shard]) {
                shards[shard] = new HashMap<>(shards[shard]);
                owned[shard] = true;
            }
            return shards[shard];
        }

        /** The index; this builder must not be used afterwards, as the index shares its shards. */
        ObjectIndex build() {
            return new ObjectIndex(shards, size);
        }
    }
}
