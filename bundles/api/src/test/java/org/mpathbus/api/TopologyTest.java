package org.mpathbus.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.Test;

/**
 * Snapshots at the size the engine makes them: {@link Topology}'s indexes (maps by WWID, paths by name built on
 * first use) must answer exactly as plain hash maps of the same content would, from any thread.
 */
public class TopologyTest {

    private static final int MAPS = 3_000;

    private static Topology topology(List<MultipathMap> maps, List<Path> unmapped) {
        return Topology.of(7, Instant.EPOCH, "test", maps, unmapped, List.of("sim"));
    }

    /** Map {@code n}: WWID "wwid-n", one group with paths "sd-n-1".."sd-n-4" at 8:(16n + i). */
    static MultipathMap map(int n) {
        List<Path> paths = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            paths.add(Path.builder("sd-" + n + "-" + i, new DeviceNumber(8, n * 16 + i)).map("wwid-" + n, 1).build());
        }
        return MultipathMap.builder("wwid-" + n, "mpath" + n, new DeviceNumber(253, n))
                .groups(List.of(PathGroup.builder(1).paths(paths).build())).build();
    }

    static SourceState state(int maps) {
        List<MultipathMap> all = new ArrayList<>();
        for (int n = 1; n <= maps; n++) {
            all.add(map(n));
        }
        return SourceState.of(all, List.of());
    }

    private static Path spare(int n) {
        return Path.builder("sdz" + n, new DeviceNumber(65, n)).build();
    }

    @Test
    public void mapsAreListedInOrderAndFoundByWwid() {
        List<MultipathMap> maps = new ArrayList<>(state(MAPS).maps());
        Collections.reverse(maps);
        Topology topology = topology(maps, List.of());

        Map<String, MultipathMap> expected = new LinkedHashMap<>();
        maps.forEach(map -> expected.put(map.wwid(), map));
        assertEquals(expected, topology.maps());
        assertEquals(expected.hashCode(), topology.maps().hashCode());
        assertEquals(new ArrayList<>(expected.keySet()), new ArrayList<>(topology.maps().keySet()));
        assertEquals(maps, new ArrayList<>(topology.maps().values()));
        for (MultipathMap map : maps) {
            assertSame(map, topology.maps().get(map.wwid()));
            assertSame(map, topology.map(map.wwid()).get());
        }
        assertNull(topology.maps().get("wwid-" + (MAPS + 1)));
        assertNull(topology.maps().get(null));
        assertNull(topology.maps().get(42));
        assertFalse(topology.maps().containsKey("wwid-0"));
        assertTrue(topology.maps().containsKey("wwid-1"));
        assertEquals(MAPS, topology.maps().size());
        assertTrue(Topology.empty("test").maps().isEmpty());
    }

    @Test
    public void mapsCannotBeChanged() {
        Topology topology = topology(state(2).maps(), List.of());
        assertThrows(UnsupportedOperationException.class, () -> topology.maps().remove("wwid-1"));
        assertThrows(UnsupportedOperationException.class, () -> topology.maps().put("wwid-3", map(3)));
        assertThrows(UnsupportedOperationException.class, () -> topology.maps().values().clear());
        assertThrows(UnsupportedOperationException.class, () -> topology.maps().entrySet().iterator().remove());
        assertEquals(2, topology.maps().size());
    }

    @Test
    public void twoMapsWithOneWwidAreRefused() {
        List<MultipathMap> maps = new ArrayList<>(state(3).maps());
        maps.add(map(2));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> topology(maps, List.of()));
        assertEquals("two maps with WWID wwid-2", refused.getMessage());
    }

    @Test
    public void everyPathIsFoundByName() {
        SourceState state = state(MAPS);
        Topology topology = topology(state.maps(), List.of(spare(1), spare(2)));

        Map<String, Path> expected = new HashMap<>();
        state.maps().forEach(map -> map.paths().forEach(path -> expected.put(path.name(), path)));
        expected.put("sdz1", spare(1));
        expected.put("sdz2", spare(2));
        assertEquals(expected, topology.paths());
        assertSame(topology.paths(), topology.paths());
        assertThrows(UnsupportedOperationException.class, () -> topology.paths().remove("sdz1"));
    }

    @Test
    public void aSnapshotSaysWhetherTheBlacklistApplies() {
        assertFalse(topology(List.of(), List.of()).blacklistApplied());
        assertTrue(Topology.builder(1, Instant.EPOCH, "test").blacklistApplied(true).build().blacklistApplied());
    }

    @Test
    public void threadsAskingForPathsAtOnceGetOneWholeIndex() throws Exception {
        Topology topology = topology(state(MAPS).maps(), List.of());
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Map<String, Path>>> answers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                Callable<Map<String, Path>> ask = () -> {
                    start.await();
                    return topology.paths();
                };
                answers.add(pool.submit(ask));
            }
            start.countDown();
            Map<String, Path> first = answers.get(0).get();
            assertEquals(MAPS * 4, first.size());
            for (Future<Map<String, Path>> answer : answers) {
                assertSame(first, answer.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
