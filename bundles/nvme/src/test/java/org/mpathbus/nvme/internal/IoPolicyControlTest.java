package org.mpathbus.nvme.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.mpathbus.api.DeviceNumber;
import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.Path;
import org.mpathbus.api.PathGroup;
import org.mpathbus.api.Topology;
import org.mpathbus.exporter.dbus.spi.BusCall;
import org.mpathbus.exporter.dbus.spi.BusError;
import org.mpathbus.exporter.dbus.spi.BusReply;
import org.mpathbus.exporter.dbus.spi.Caller;
import org.mpathbus.exporter.dbus.spi.ExportedObjects;

/** SetIoPolicy against a fake sysfs, with the exported objects read from it as the source reads them. */
public class IoPolicyControlTest {

    private static final String NVME_OBJECT = "/maps/uuid.1";
    private static final String DM_OBJECT = "/maps/wwid-dm";

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private FakeNvmeSysfs sysfs;
    /** Whether the exported objects follow sysfs (a source that polls) or stay as they were. */
    private volatile boolean following = true;
    private Topology frozen;

    @Before
    public void oneNamespace() throws Exception {
        sysfs = new FakeNvmeSysfs(folder.getRoot().toPath());
        sysfs.subsystem("nvme-subsys0", "nqn.lab", "numa");
        sysfs.head("nvme-subsys0", "nvme0n1", "259:2", 8, "uuid.1");
        frozen = topology();
    }

    private Topology topology() {
        MultipathMap dm = MultipathMap.builder("wwid-dm", "mpatha", new DeviceNumber(253, 0))
                .groups(List.of(PathGroup.builder(1).paths(List.of(Path.builder("sda", new DeviceNumber(8, 0))
                        .map("wwid-dm", 1).build())).build()))
                .build();
        List<MultipathMap> maps = new java.util.ArrayList<>(List.of(dm));
        maps.addAll(new NvmeReader(sysfs.root).read().maps());
        return Topology.of(1, Instant.EPOCH, "devmapper", maps, List.of(), List.of());
    }

    private final ExportedObjects exported = new ExportedObjects() {
        @Override
        public Optional<MultipathMap> map(Topology topology, String objectPath) {
            return topology.maps().values().stream().filter(map -> objectPath(map).equals(objectPath)).findFirst();
        }

        @Override
        public Optional<PathGroup> group(Topology topology, String objectPath) {
            return Optional.empty();
        }

        @Override
        public Optional<Path> path(Topology topology, String objectPath) {
            return Optional.empty();
        }

        @Override
        public String objectPath(MultipathMap map) {
            return "/maps/" + map.wwid();
        }

        @Override
        public String objectPath(Path path) {
            return "/paths/" + path.name();
        }

        @Override
        public Optional<Topology> awaitExported(Predicate<Topology> effect, Duration timeout)
                throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            do {
                Topology now = following ? topology() : frozen;
                if (effect.test(now)) {
                    return Optional.of(now);
                }
                Thread.sleep(10);
            } while (System.nanoTime() < deadline);
            return Optional.empty();
        }
    };

    private IoPolicyControl control() {
        return new IoPolicyControl(exported, sysfs.root, "<interface/>");
    }

    private BusReply call(String object, String policy, Map<String, Object> options) throws Exception {
        return call(object, policy, options, Duration.ofSeconds(5));
    }

    /** A call as the exporter hands it on, its deadline {@code timeout} from now. */
    private BusReply call(String object, String policy, Map<String, Object> options, Duration timeout)
            throws Exception {
        return control().call(new BusCall(object, IoPolicyControl.SET_IO_POLICY, List.of(policy), options,
                new Caller(":1.7", 0, 42), topology(), System.nanoTime() + timeout.toNanos()));
    }

    private String iopolicy() throws Exception {
        return Files.readString(sysfs.root.resolve("class/nvme-subsystem/nvme-subsys0/iopolicy")).strip();
    }

    private void assertRefused(String error, String object, String policy, Map<String, Object> options,
            String words) throws Exception {
        try {
            call(object, policy, options);
            fail("SetIoPolicy " + policy + " was not refused");
        } catch (BusError e) {
            assertEquals(error, e.errorName());
            assertTrue(e.getMessage(), e.getMessage().contains(words));
        }
    }

    @Test
    public void setIoPolicyWritesTheSubsystemsIopolicyAndRepliesOnceTheMapShowsIt() throws Exception {
        assertEquals(BusReply.EMPTY, call(NVME_OBJECT, "round-robin", Map.of("timeout", 5L)));
        assertEquals("round-robin", iopolicy());
    }

    @Test
    public void onlyTheKernelsPoliciesAreWritten() throws Exception {
        assertRefused(BusError.INVALID_ARGS, NVME_OBJECT, "fastest\nplease" + "x".repeat(100), Map.of(),
                "not fastest\\nplease");
        assertEquals("numa", iopolicy());
    }

    @Test
    public void aDmMapHasNoIopolicy() throws Exception {
        assertRefused(BusError.INVALID_ARGS, DM_OBJECT, "round-robin", Map.of(), "mpatha is a dm-multipath map");
    }

    @Test
    public void aPolicyTheKernelRefusesIsFailedWithItsWords() throws Exception {
        java.nio.file.Path attribute = sysfs.root.resolve("devices/virtual/nvme-subsystem/nvme-subsys0/iopolicy");
        Files.delete(attribute);
        Files.createDirectory(attribute); // writing fails as the kernel's EINVAL does
        assertRefused(BusError.FAILED, NVME_OBJECT, "queue-depth", Map.of(), "the kernel refused iopolicy queue-depth");
    }

    @Test
    public void anEffectThatNeverShowsIsTimeout() throws Exception {
        following = false;
        try {
            call(NVME_OBJECT, "round-robin", Map.of(), Duration.ofMillis(200));
            fail("an effect that never shows was not refused");
        } catch (BusError e) {
            assertEquals(BusError.TIMEOUT, e.errorName());
            assertTrue(e.getMessage(), e.getMessage().contains(
                    "the kernel took iopolicy round-robin for nvme-subsys0, but the map did not show it"));
        }
    }

    @Test
    public void unknownOptionsAreRefused() throws Exception {
        assertRefused(BusError.INVALID_ARGS, NVME_OBJECT, "numa", Map.of("timout", 5L), "unknown option timout");
    }
}
