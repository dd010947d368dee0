package org.mpathbus.exporter.prometheus.internal;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.Test;
import org.mpathbus.api.AnaState;
import org.mpathbus.api.CheckerState;
import org.mpathbus.api.DeviceIdentity;
import org.mpathbus.api.DeviceNumber;
import org.mpathbus.api.DeviceState;
import org.mpathbus.api.DmGroupState;
import org.mpathbus.api.DmPathState;
import org.mpathbus.api.MapKind;
import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.NvmeController;
import org.mpathbus.api.NvmeSubsystem;
import org.mpathbus.api.Path;
import org.mpathbus.api.PathGroup;
import org.mpathbus.api.Topology;
import org.mpathbus.api.statistics.CheckStatistics;
import org.mpathbus.api.statistics.CheckerCounts;
import org.mpathbus.api.statistics.LastCheck;
import org.mpathbus.api.statistics.TransitionStatistics;

import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;

public class TopologyMetricsTest {

    private static final String WWID = "36001405a18f67d4db95243f97b1dcdaf";
    private static final Instant T = Instant.parse("2026-12-01T10:00:00Z");

    private final Path sda = path("sda", 0, 1).dmState(DmPathState.ACTIVE).checkerState(CheckerState.UP)
            .priority(50).build();
    private final Path sdb = path("sdb", 16, 2).dmState(DmPathState.FAILED).checkerState(CheckerState.DOWN)
            .failCount(3).priority(10).deviceState(DeviceState.TRANSPORT_OFFLINE).build();
    private final Path sde = Path.builder("sde", new DeviceNumber(8, 64)).deviceState(DeviceState.RUNNING)
            .checker("tur").build();
    private final MultipathMap mpatha = MultipathMap.builder(WWID, "mpatha", new DeviceNumber(253, 0))
            .kernelName("dm-0").sizeBytes(10L << 30).identity(new DeviceIdentity("LIO-ORG", "disk01", "4.0"))
            .features(List.of("queue_if_no_path"))
            .groups(List.of(PathGroup.of(1, 50, "service-time 0", DmGroupState.ACTIVE, List.of(sda)),
                    PathGroup.of(2, 0, "service-time 0", DmGroupState.ENABLED, List.of(sdb))))
            .build();
    private final Topology topology = Topology.of(7, T, "simulator", List.of(mpatha), List.of(sde),
            List.of("sim", "tur"));

    private static Path.Builder path(String name, int minor, int group) {
        return Path.builder(name, new DeviceNumber(8, minor)).wwid(WWID).map(WWID, group).checker("sim")
                .deviceState(DeviceState.RUNNING);
    }

    @Test
    public void mapsGroupsAndPathsWithNodeExporterLabels() throws IOException {
        String text = text(FixedTransitions.NONE, Optional.empty());

        assertLine(text, "mpathbus_device_info{device=\"mpatha\",product=\"disk01\",sysfs_name=\"dm-0\","
                + "vendor=\"LIO-ORG\",wwid=\"" + WWID + "\"} 1");
        assertLine(text, "mpathbus_device_size_bytes{device=\"mpatha\",sysfs_name=\"dm-0\"} 1.073741824E10");
        assertLine(text, "mpathbus_device_paths{device=\"mpatha\",sysfs_name=\"dm-0\"} 2.0");
        assertLine(text, "mpathbus_device_paths_active{device=\"mpatha\",sysfs_name=\"dm-0\"} 1.0");
        assertLine(text, "mpathbus_device_paths_failed{device=\"mpatha\",sysfs_name=\"dm-0\"} 1.0");
        assertLine(text, "mpathbus_device_health{device=\"mpatha\",sysfs_name=\"dm-0\",mpathbus_device_health=\"degraded\"} 1");
        assertLine(text, "mpathbus_device_health{device=\"mpatha\",sysfs_name=\"dm-0\",mpathbus_device_health=\"optimal\"} 0");
        assertLine(text, "mpathbus_device_health{device=\"mpatha\",sysfs_name=\"dm-0\",mpathbus_device_health=\"failed\"} 0");
        assertLine(text, "mpathbus_device_queueing{device=\"mpatha\",sysfs_name=\"dm-0\",mpathbus_device_queueing=\"on\"} 1");
        assertLine(text, "mpathbus_device_queueing{device=\"mpatha\",sysfs_name=\"dm-0\",mpathbus_device_queueing=\"off\"} 0");

        assertLine(text, "mpathbus_group_state{device=\"mpatha\",group=\"1\",mpathbus_group_state=\"active\"} 1");
        assertLine(text, "mpathbus_group_state{device=\"mpatha\",group=\"2\",mpathbus_group_state=\"enabled\"} 1");
        assertLine(text, "mpathbus_group_state{device=\"mpatha\",group=\"2\",mpathbus_group_state=\"active\"} 0");
        assertLine(text, "mpathbus_group_priority{device=\"mpatha\",group=\"2\"} 0.0");

        assertLine(text, "mpathbus_path_info{checker=\"sim\",device=\"mpatha\",group=\"2\",major_minor=\"8:16\","
                + "path=\"sdb\"} 1");
        assertLine(text, "mpathbus_path_state{device=\"mpatha\",path=\"sdb\",state=\"transport-offline\"} 1.0");
        assertLine(text, "mpathbus_path_dm_state{device=\"mpatha\",path=\"sdb\",state=\"failed\"} 1.0");
        assertLine(text, "mpathbus_path_checker_state{device=\"mpatha\",path=\"sdb\",state=\"down\"} 1.0");
        assertLine(text, "mpathbus_path_dm_state{device=\"mpatha\",path=\"sda\",state=\"active\"} 1.0");
        assertLine(text, "mpathbus_path_dm_failures_total{device=\"mpatha\",path=\"sdb\"} 3.0");
        assertLine(text, "mpathbus_path_priority{device=\"mpatha\",path=\"sda\"} 50.0");
        // A path in no map: an empty device label (Prometheus stores it as none); the kernel has no state for it.
        assertLine(text, "mpathbus_path_dm_state{device=\"\",path=\"sde\",state=\"undef\"} 1.0");
        assertLine(text, "mpathbus_path_checker_state{device=\"\",path=\"sde\",state=\"unchecked\"} 1.0");
        // One series per path and view: only the current state.
        assertFalse(text, text.contains("path=\"sdb\",state=\"active\""));

        assertLine(text, "mpathbus_source_info{source=\"simulator\"} 1");
        assertLine(text, "mpathbus_topology_generation 7.0");
        // Installed checkers count from zero before their first check.
        assertLine(text, "mpathbus_checker_checks_total{checker=\"tur\"} 0.0");
        assertFalse("no check figures without the engine's statistics:\n" + text,
                text.contains("mpathbus_path_last_check_timestamp_seconds{"));
    }

    @Test
    public void theEnginesTransitionCountsAreRendered() throws IOException {
        FixedTransitions counts = new FixedTransitions(Map.of("sdb", 2L), Map.of("sdb", 1L),
                Map.of(mpatha.wwid(), 1L), Map.of(mpatha.wwid(), 1L), 14);

        String text = text(counts, Optional.empty());

        assertLine(text, "mpathbus_path_failures_total{device=\"mpatha\",path=\"sdb\"} 2.0");
        assertLine(text, "mpathbus_path_reinstatements_total{device=\"mpatha\",path=\"sdb\"} 1.0");
        assertLine(text, "mpathbus_path_failures_total{device=\"mpatha\",path=\"sda\"} 0.0");
        assertLine(text, "mpathbus_device_failures_total{device=\"mpatha\",sysfs_name=\"dm-0\"} 1.0");
        assertLine(text, "mpathbus_device_restorations_total{device=\"mpatha\",sysfs_name=\"dm-0\"} 1.0");
        assertLine(text, "mpathbus_events_total 14.0");
    }

    @Test
    public void checkFiguresPerCheckerAndPath() throws IOException {
        CheckStatistics statistics = new CheckStatistics() {
            @Override
            public List<CheckerCounts> checkerCounts() {
                return List.of(new CheckerCounts("sim", 40, 3));
            }

            @Override
            public Optional<LastCheck> lastCheck(String pathName) {
                return Optional.ofNullable(Map.of("sda", new LastCheck(T.plusMillis(250), Duration.ofMillis(20)))
                        .get(pathName));
            }
        };

        String text = text(FixedTransitions.NONE, Optional.of(statistics));

        assertLine(text, "mpathbus_checker_checks_total{checker=\"sim\"} 40.0");
        assertLine(text, "mpathbus_checker_timeouts_total{checker=\"sim\"} 3.0");
        assertLine(text, "mpathbus_checker_timeouts_total{checker=\"tur\"} 0.0");
        assertLine(text, "mpathbus_path_last_check_timestamp_seconds{device=\"mpatha\",path=\"sda\"} "
                + (T.getEpochSecond() + 0.25));
        assertLine(text, "mpathbus_path_last_check_duration_seconds{device=\"mpatha\",path=\"sda\"} 0.02");
        assertFalse("no figures for a path never checked:\n" + text,
                text.contains("mpathbus_path_last_check_duration_seconds{device=\"mpatha\",path=\"sdb\"}"));
    }

    @Test
    public void openMetricsHasStateSetsInfoAndUnits() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        OpenMetricsTextFormatWriter.create().write(out, TopologyMetrics.of(topology, FixedTransitions.NONE,
                Optional.empty()));
        String text = out.toString(StandardCharsets.UTF_8);

        assertLine(text, "# TYPE mpathbus_device_health stateset");
        assertLine(text, "# TYPE mpathbus_device info");
        assertLine(text, "# UNIT mpathbus_device_size_bytes bytes");
        assertLine(text, "# TYPE mpathbus_path_failures counter");
        assertTrue(text, text.endsWith("# EOF\n"));
    }

    @Test
    public void nvmePathsShowTheirAnaStateAndMapsTheirSubsystem() throws IOException {
        String nsWwid = "uuid.5a4e4a30-0b7e-4b5b-9d3c-1f2e3d4c5b6a";
        Path optimized = Path.builder("nvme0c0n1", new DeviceNumber(259, 0)).map(nsWwid, 1).anaState(AnaState.OPTIMIZED)
                .anaGroup(2).controller(new NvmeController("nvme0", "tcp", "traddr=127.0.0.1,trsvcid=4420", "live"))
                .dmState(DmPathState.ACTIVE).build();
        Path inaccessible = Path.builder("nvme0c1n1", new DeviceNumber(259, 1)).map(nsWwid, 2)
                .anaState(AnaState.INACCESSIBLE).anaGroup(2)
                .controller(new NvmeController("nvme1", "tcp", "traddr=127.0.0.1,trsvcid=4421", "live"))
                .dmState(DmPathState.FAILED).build();
        MultipathMap namespace = MultipathMap.builder(nsWwid, "nvme0n1", new DeviceNumber(259, 2)).kernelName("nvme0n1")
                .kind(MapKind.NVME).subsystem(new NvmeSubsystem("nvme-subsys0", "nqn.2026-12.org.mpathbus:lab", "numa"))
                .groups(List.of(PathGroup.builder(1).paths(List.of(optimized)).build(),
                        PathGroup.builder(2).paths(List.of(inaccessible)).build()))
                .build();
        String text = text(Topology.of(8, T, "devmapper", List.of(mpatha, namespace), List.of(sde), List.of("tur")),
                FixedTransitions.NONE, Optional.empty());

        assertLine(text, "mpathbus_path_ana_state{ana_group=\"2\",controller=\"nvme0\",device=\"nvme0n1\","
                + "path=\"nvme0c0n1\",state=\"optimized\"} 1.0");
        assertLine(text, "mpathbus_path_ana_state{ana_group=\"2\",controller=\"nvme1\",device=\"nvme0n1\","
                + "path=\"nvme0c1n1\",state=\"inaccessible\"} 1.0");
        assertLine(text, "mpathbus_nvme_device_info{device=\"nvme0n1\",iopolicy=\"numa\","
                + "nqn=\"nqn.2026-12.org.mpathbus:lab\",subsystem=\"nvme-subsys0\",sysfs_name=\"nvme0n1\"} 1");
        assertLine(text, "mpathbus_device_paths_active{device=\"nvme0n1\",sysfs_name=\"nvme0n1\"} 1.0");
        // dm paths have no ANA series
        assertFalse(text, text.lines().anyMatch(line -> line.startsWith("mpathbus_path_ana_state{")
                && line.contains("path=\"sda\"")));
    }

    private String text(TransitionStatistics counters, Optional<CheckStatistics> statistics) throws IOException {
        return text(topology, counters, statistics);
    }

    private static String text(Topology topology, TransitionStatistics counters, Optional<CheckStatistics> statistics)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, TopologyMetrics.of(topology, counters, statistics));
        return out.toString(StandardCharsets.UTF_8);
    }

    private static void assertLine(String text, String line) {
        assertTrue("expected line\n" + line + "\nin\n" + text, text.lines().anyMatch(line::equals));
    }
}
