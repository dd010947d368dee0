package org.mpathbus.core.internal.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.After;
import org.junit.Test;
import org.mpathbus.api.AnaState;
import org.mpathbus.api.DeviceNumber;
import org.mpathbus.api.DmGroupState;
import org.mpathbus.api.DmPathState;
import org.mpathbus.api.MapKind;
import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.NvmeController;
import org.mpathbus.api.Path;
import org.mpathbus.api.PathGroup;
import org.mpathbus.api.SourceState;
import org.mpathbus.api.Topology;
import org.mpathbus.api.event.PathFailed;
import org.mpathbus.core.internal.checks.CheckSettings;
import org.mpathbus.core.internal.engine.TopologyEngineTest.FakeSource;
import org.mpathbus.testing.Await;

/** dm-multipath and NVMe native multipath served at once: the chosen source's maps and every joining source's. */
public class SourceUnionTest {

    private TopologyEngine engine;

    @After
    public void closeEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    private TopologyEngine start(String source) {
        engine = new TopologyEngine(source, Duration.ofHours(1), new CheckSettings(Duration.ofMillis(20),
                Duration.ofMillis(80), Duration.ofSeconds(5), "tur", 2), Clock.systemUTC(), 100_000);
        return engine;
    }

    private static Path nvmePath(String name, int minor, String controller, AnaState ana, int group) {
        return Path.builder(name, new DeviceNumber(259, minor)).wwid("uuid.ns1").map("uuid.ns1", group)
                .dmState(ana.usable() ? DmPathState.ACTIVE : DmPathState.FAILED).checker("none").anaState(ana)
                .anaGroup(2).controller(new NvmeController(controller, "tcp", "traddr=127.0.0.1", "live")).build();
    }

    private static SourceState nvme(AnaState second) {
        List<PathGroup> groups = List.of(
                PathGroup.builder(1).dmState(DmGroupState.ENABLED)
                        .paths(List.of(nvmePath("nvme0c0n1", 0, "nvme0", AnaState.OPTIMIZED, 1))).build(),
                PathGroup.builder(2).dmState(DmGroupState.ENABLED)
                        .paths(List.of(nvmePath("nvme0c1n1", 1, "nvme1", second, 2))).build());
        return SourceState.of(List.of(MultipathMap.builder("uuid.ns1", "nvme0n1", new DeviceNumber(259, 2))
                .kernelName("nvme0n1").kind(MapKind.NVME).groups(groups).build()), List.of());
    }

    /** Two dm maps, and devmapper's candidate nvme0n1, which is the NVMe source's namespace. */
    private static SourceState devmapper() {
        SourceState two = Sans.state(2);
        return SourceState.of(two.maps(), List.of(Path.builder("nvme0n1", new DeviceNumber(259, 2)).build(),
                Path.builder("sdz", new DeviceNumber(8, 240)).build()));
    }

    private static List<String> kinds(Topology topology) {
        return topology.maps().values().stream().map(map -> map.wwid() + "=" + map.kind().label())
                .collect(Collectors.toList());
    }

    private static List<String> kernelView(MultipathMap map) {
        return map.groups().stream().flatMap(group -> group.paths().stream())
                .map(path -> path.name() + "=" + path.dmState()).collect(Collectors.toList());
    }

    @Test
    public void theEngineServesDmMapsAndNvmeNamespacesTogether() throws Exception {
        start("devmapper");
        FakeSource dm = new FakeSource(devmapper());
        FakeSource nvme = new FakeSource(nvme(AnaState.NON_OPTIMIZED));
        engine.addSource(dm, "devmapper");
        engine.addSource(nvme, "nvme", true);
        engine.awaitEngine();

        Topology topology = engine.topology();
        assertEquals(List.of("wwid-1=dm-multipath", "wwid-2=dm-multipath", "uuid.ns1=nvme"), kinds(topology));
        assertEquals("devmapper", topology.source());
        assertTrue(nvme.watched());
        // the NVMe namespace is a map, not also a candidate path
        assertEquals(List.of("sdz"), topology.unmappedPaths().stream().map(Path::name).collect(Collectors.toList()));
        assertEquals(AnaState.NON_OPTIMIZED, topology.paths().get("nvme0c1n1").anaState());

        MultipathMap dmMap = topology.maps().get("wwid-1");
        nvme.push(nvme(AnaState.INACCESSIBLE));
        Await.until("the ANA change in the topology", () -> engine.topology().paths().get("nvme0c1n1")
                .anaState() == AnaState.INACCESSIBLE);
        // Path checks may refresh the dm map's checker view meanwhile; its kernel view stays as it was
        assertEquals(kernelView(dmMap), kernelView(engine.topology().maps().get("wwid-1")));
        assertTrue(engine.recentEvents().stream().anyMatch(event -> event instanceof PathFailed failed
                && failed.path().name().equals("nvme0c1n1")));
    }

    @Test
    public void aJoiningSourceThatLeavesTakesItsMapsAndTheOthersStay() throws Exception {
        start("devmapper");
        FakeSource dm = new FakeSource(devmapper());
        FakeSource nvme = new FakeSource(nvme(AnaState.OPTIMIZED));
        engine.addSource(dm, "devmapper");
        engine.addSource(nvme, "nvme", true);
        engine.removeSource(nvme);
        engine.awaitEngine();
        assertEquals(List.of("wwid-1=dm-multipath", "wwid-2=dm-multipath"), kinds(engine.topology()));
        assertFalse(nvme.watched());
        // without NVMe, devmapper's candidate nvme0n1 is a candidate again
        assertEquals(2, engine.topology().unmappedPaths().size());

        engine.addSource(nvme, "nvme", true);
        engine.awaitEngine();
        assertEquals(3, engine.topology().maps().size());
    }

    @Test
    public void theChosenSourceGoneKeepsItsMapsWhileNvmeChanges() throws Exception {
        start("devmapper");
        FakeSource dm = new FakeSource(devmapper());
        FakeSource nvme = new FakeSource(nvme(AnaState.OPTIMIZED));
        engine.addSource(dm, "devmapper");
        engine.addSource(nvme, "nvme", true);
        engine.removeSource(dm);
        nvme.push(nvme(AnaState.CHANGE));
        Await.until("the NVMe change", () -> engine.topology().paths().get("nvme0c1n1").anaState() == AnaState.CHANGE);
        assertEquals(3, engine.topology().maps().size());
    }

    @Test
    public void autoTakesNoSimulatorWhereNvmeRuns() throws Exception {
        start("auto");
        FakeSource dm = new FakeSource(Sans.state(5));
        dm.runsHere = false;
        FakeSource simulator = new FakeSource(Sans.state(3));
        engine.addSource(dm, "devmapper");
        engine.addSource(simulator, "simulator");
        engine.awaitEngine();
        assertEquals(3, engine.topology().maps().size());

        FakeSource nvme = new FakeSource(nvme(AnaState.OPTIMIZED));
        engine.addSource(nvme, "nvme", true);
        engine.awaitEngine();
        assertEquals(List.of("uuid.ns1=nvme"), kinds(engine.topology()));
        assertFalse(simulator.watched());
        // an NVMe-only host refreshes what it has
        int reads = nvme.reads.get();
        engine.refresh();
        assertEquals(reads + 1, nvme.reads.get());
    }

    @Test
    public void aJoiningSourceThatDoesNotRunHereIsNotRead() throws Exception {
        start("simulator");
        FakeSource nvme = new FakeSource(nvme(AnaState.OPTIMIZED));
        nvme.runsHere = false;
        engine.addSource(new FakeSource(Sans.state(2)), "simulator");
        engine.addSource(nvme, "nvme", true);
        engine.awaitEngine();
        assertEquals(2, engine.topology().maps().size());
        assertEquals(0, nvme.reads.get());
        assertFalse(nvme.watched());
    }
}
