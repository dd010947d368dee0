package org.mpathbus.core.internal.engine;

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
import org.mpathbus.api.DeviceNumber;
import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.Path;
import org.mpathbus.api.SourceState;
import org.mpathbus.api.Topology;

/**
 * The engine's snapshots at the size it meets: {@link Topology}'s own indexes (maps by WWID in one table, paths
 * by name built on first use) must answer exactly as plain hash maps of the same content would, from any
 * thread.
 */
public class TopologySnapshotTest {

    private static final int MAPS = 3_000;

    private static Topology topology(List<MultipathMap> maps, List<Path> unmapped) {
        return new Topology(7, Instant.EPOCH, "test", maps, unmapped, List.of("sim"));
    }

    private static Path spare(int n) {
        return Path.builder("sdz" + n, new DeviceNumber(65, n)).build();
    }

    @Test
    public void mapsAreListedInOrderAndFoundByWwid() {
        List<MultipathMap> maps = new ArrayList<>(Sans.state(MAPS).maps());
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
        Topology topology = topology(Sans.state(2).maps(), List.of());
        assertThrows(UnsupportedOperationException.class, () -> topology.maps().remove("wwid-1"));
        assertThrows(UnsupportedOperationException.class, () -> topology.maps().put("wwid-3", Sans.map(3)));
        assertThrows(UnsupportedOperationException.class, () -> topology.maps().values().clear());
        assertThrows(UnsupportedOperationException.class, () -> topology.maps().entrySet().iterator().remove());
        assertEquals(2, topology.maps().size());
    }

    @Test
    public void twoMapsWithOneWwidAreRefused() {
        List<MultipathMap> maps = new ArrayList<>(Sans.state(3).maps());
        maps.add(Sans.map(2));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> topology(maps, List.of()));
        assertEquals("two maps with WWID wwid-2", refused.getMessage());
    }

    @Test
    public void everyPathIsFoundByName() {
        SourceState state = Sans.state(MAPS);
        Topology topology = topology(state.maps(), List.of(spare(1), spare(2)));

        Map<String, Path> expected = new HashMap<>();
        state.maps().forEach(map -> map.paths().forEach(path -> expected.put(path.name(), path)));
        expected.put("sdz1", spare(1));
        expected.put("sdz2", spare(2));
        assertEquals(expected, topology.paths());
        assertSame(topology.paths(), topology.paths());
        assertEquals(spare(2), topology.findPath("/dev/sdz2").get());
        assertEquals("sd-9-4", topology.findPath("8:148").get().name());
        assertThrows(UnsupportedOperationException.class, () -> topology.paths().remove("sdz1"));
    }

    @Test
    public void threadsAskingForPathsAtOnceGetOneWholeIndex() throws Exception {
        Topology topology = topology(Sans.state(MAPS).maps(), List.of());
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
