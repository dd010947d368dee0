package org.mpathbus.simulator.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.mpathbus.api.ScsiAddress;
import org.mpathbus.api.TransportInfo;

/**
 * Where every path of every map sits: an FC array with one target port per path slot and host, seen by
 * {@link SanShape#hosts()} HBA ports. Slot {@code s} of a map goes through host {@code s % hosts} to
 * target {@code s / hosts}; slots fill the path groups in order, so with the default shape each group
 * (one controller) is reached through every host. Disks are named in the kernel's scan order: host by
 * host, target by target, LUN by LUN.
 */
final class SanLayout {

    /** Hosts 0 and 1 usually belong to the on-board SATA controller. */
    static final int FIRST_HOST = 2;

    private static final int ACTIVE_OPTIMIZED_PRIORITY = 50;
    private static final int ACTIVE_NON_OPTIMIZED_PRIORITY = 10;

    private final SanShape shape;
    private final int[] scanRank;
    private final Map<Long, TransportInfo> transports = new HashMap<>();

    SanLayout(SanShape shape) {
        this.shape = shape;
        List<Integer> slots = new ArrayList<>();
        for (int slot = 0; slot < shape.pathsPerMap(); slot++) {
            slots.add(slot);
        }
        slots.sort(Comparator.<Integer>comparingInt(this::hostOffset).thenComparingInt(this::target));
        scanRank = new int[shape.pathsPerMap()];
        for (int rank = 0; rank < slots.size(); rank++) {
            scanRank[slots.get(rank)] = rank;
        }
    }

    /** The 1-based path group of a slot. */
    int group(int slot) {
        return slot * shape.groupsPerMap() / shape.pathsPerMap() + 1;
    }

    /** ALUA: the group the array serves optimized (the first, until a failover), the others non-optimized. */
    static int priority(boolean optimized) {
        return optimized ? ACTIVE_OPTIMIZED_PRIORITY : ACTIVE_NON_OPTIMIZED_PRIORITY;
    }

    /** The index of the disk, in the kernel's scan order, that is slot {@code slot} of map {@code map}. */
    int diskIndex(int map, int slot) {
        return scanRank[slot] * shape.maps() + map;
    }

    ScsiAddress scsiAddress(int map, int slot) {
        return new ScsiAddress(FIRST_HOST + hostOffset(slot), 0, target(slot), map);
    }

    /** One shared instance per host and target port. */
    TransportInfo transport(int slot) {
        int host = hostOffset(slot);
        int target = target(slot);
        return transports.computeIfAbsent(((long) host << 32) | target, key -> new TransportInfo("fc",
                String.format("0x20000090fa%06x", host), String.format("0x10000090fa%06x", host),
                "0x5001405c0ffee000", String.format("0x5001405c0ff%05x", 0xe0100 + target),
                String.format("0000:%02x:00.%d", 0x3b + host / 2, host % 2)));
    }

    /**
     * An NAA type 6 WWID as scsi_id prints it for a LIO LUN ("3", then 6001405 and 25 hex digits), unique
     * and stable per map index.
     */
    static String wwid(int map) {
        // Adding a constant keeps the mix a bijection and keeps map 0 from coming out as zeros
        long unique = mix(map + 0x5eedL);
        long filler = mix(map + 0x9e3779b97f4a7c15L) & 0xfffffffffL;
        return String.format("36001405%016x%09x", unique, filler);
    }

    /**
     * The fabric a SCSI host's port is cabled to: hosts alternate between the two fabrics (A and B) of a
     * redundant SAN, so each map is reached through both.
     */
    static int fabric(int host) {
        return (host - FIRST_HOST) % 2;
    }

    private int hostOffset(int slot) {
        return slot % shape.hosts();
    }

    private int target(int slot) {
        return slot / shape.hosts();
    }

    /** SplitMix64's finalizer: a bijection on 64 bits, so distinct indexes give distinct WWIDs. */
    private static long mix(long value) {
        long z = (value ^ (value >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
