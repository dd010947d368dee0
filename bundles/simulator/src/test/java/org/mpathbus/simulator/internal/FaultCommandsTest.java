package org.mpathbus.simulator.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.Test;
import org.mpathbus.api.Topology;
import org.mpathbus.api.spi.MultipathSource;
import org.mpathbus.simulator.SanSimulator;
import org.mpathbus.testing.FixedTopologyService;

public class FaultCommandsTest {

    private final FixedTopologyService engine = new FixedTopologyService(Topology.empty(MultipathSource.SIMULATOR));
    private final RecordingSimulator simulator = new RecordingSimulator();

    @Test
    public void faultCommandsReachTheSimulator() {
        FaultCommands commands = new FaultCommands(engine, simulator);
        assertEquals("failed path sdb (link down)\n", commands.fail(-1, -1, -1, "sdb"));
        commands.restore(-1, -1, -1, "sdb");
        commands.remove(false, "sdb");
        commands.add(false, "sdb");
        commands.remove(true, "mpatha");
        commands.add(true, "mpatha");
        commands.hang(false, "sdc");
        commands.hang(true, "sdc");
        assertEquals(List.of("failPath sdb", "restorePath sdb", "removePath sdb", "addPath sdb", "removeMap mpatha",
                "addMap mpatha", "hangChecks sdc true", "hangChecks sdc false"), simulator.calls);
    }

    @Test
    public void sanComponentFaultsReachTheSimulatorAsOneCallEach() {
        FaultCommands commands = new FaultCommands(engine, simulator);
        assertEquals("SCSI host 2 down: the kernel failed 7 paths\n", commands.fail(2, -1, -1));
        assertEquals("SCSI host 2 up: the kernel reinstated 7 paths\n", commands.restore(2, -1, -1));
        commands.fail(-1, 1, -1);
        commands.restore(-1, 1, -1);
        commands.fail(-1, -1, 0);
        commands.restore(-1, -1, 0);
        assertEquals("failed over 7 maps to the next controller\n", commands.failover());
        assertEquals(List.of("failHost 2", "restoreHost 2", "failTarget 1", "restoreTarget 1", "failFabric 0",
                "restoreFabric 0", "failover"), simulator.calls);
    }

    @Test
    public void aPathAndAComponentTogetherOrNeitherAreRefused() {
        FaultCommands commands = new FaultCommands(engine, simulator);
        SimulatedSanTest.expect(IllegalArgumentException.class, "not several", () -> commands.fail(2, -1, -1, "sdb"));
        SimulatedSanTest.expect(IllegalArgumentException.class, "not several", () -> commands.restore(2, 1, -1));
        SimulatedSanTest.expect(IllegalArgumentException.class, "got 0 paths", () -> commands.fail(-1, -1, -1));
        assertTrue(simulator.calls.isEmpty());
    }

    @Test
    public void hostFaultCommandsReachTheSimulator() {
        FaultCommands commands = new FaultCommands(engine, simulator);
        commands.open("mpatha");
        commands.close("mpatha");
        assertEquals("LUN of map mpatha grew to 21474836480 bytes\n", commands.grow("mpatha", "20G"));
        commands.grow("mpathb", "512");
        commands.multipathd("hang");
        commands.multipathd("BUSY");
        commands.multipathd("answer");
        assertEquals(List.of("openMap mpatha", "closeMap mpatha", "growLun mpatha 21474836480",
                "growLun mpathb 536870912", "hangMultipathd true", "busyMultipathd true", "hangMultipathd false"),
                simulator.calls);
    }

    @Test
    public void badSizesAndMoodsSayWhatIsWrong() {
        FaultCommands commands = new FaultCommands(engine, simulator);
        SimulatedSanTest.expect(IllegalArgumentException.class, "not '20 GiB'", () -> commands.grow("mpatha", "20 GiB"));
        SimulatedSanTest.expect(IllegalArgumentException.class, "positive", () -> commands.grow("mpatha", "0"));
        SimulatedSanTest.expect(IllegalArgumentException.class, "below 8 EiB",
                () -> commands.grow("mpatha", "99999999999999999999T"));
        SimulatedSanTest.expect(IllegalArgumentException.class, "not 'sleep'", () -> commands.multipathd("sleep"));
        assertEquals(1L << 40, FaultCommands.parseSize("1t"));
        assertEquals(4096, FaultCommands.parseSize("4K"));
        assertTrue(simulator.calls.isEmpty());
    }

    @Test
    public void faultCommandsRefuseWithoutTheSimulator() {
        FaultCommands commands = new FaultCommands(engine, null);
        IllegalStateException refused = expectRefusal(() -> commands.fail(-1, -1, -1, "sdb"));
        assertTrue(refused.getMessage(), refused.getMessage().startsWith("the simulator is not the active source"));
    }

    @Test
    public void faultCommandsRefuseWhenTheEngineReadsAnotherSource() {
        FixedTopologyService devmapper = new FixedTopologyService(Topology.of(1, Instant.EPOCH, "devmapper", List.of(),
                List.of(), List.of()));
        FaultCommands commands = new FaultCommands(devmapper, simulator);
        IllegalStateException refused = expectRefusal(() -> commands.remove(true, "mpatha"));
        assertEquals("the simulator is not the active source (the engine reads 'devmapper')", refused.getMessage());
        assertTrue(simulator.calls.isEmpty());
    }

    private static IllegalStateException expectRefusal(Runnable command) {
        try {
            command.run();
        } catch (IllegalStateException e) {
            return e;
        }
        throw new AssertionError("the command was not refused");
    }

    private static final class RecordingSimulator implements SanSimulator {
        final List<String> calls = new ArrayList<>();

        @Override
        public void failPath(String path) {
            calls.add("failPath " + path);
        }

        @Override
        public void restorePath(String path) {
            calls.add("restorePath " + path);
        }

        @Override
        public int failHost(int host) {
            calls.add("failHost " + host);
            return 7;
        }

        @Override
        public int restoreHost(int host) {
            calls.add("restoreHost " + host);
            return 7;
        }

        @Override
        public int failTarget(int target) {
            calls.add("failTarget " + target);
            return 7;
        }

        @Override
        public int restoreTarget(int target) {
            calls.add("restoreTarget " + target);
            return 7;
        }

        @Override
        public int failFabric(int fabric) {
            calls.add("failFabric " + fabric);
            return 7;
        }

        @Override
        public int restoreFabric(int fabric) {
            calls.add("restoreFabric " + fabric);
            return 7;
        }

        @Override
        public int failover() {
            calls.add("failover");
            return 7;
        }

        @Override
        public void removePath(String path) {
            calls.add("removePath " + path);
        }

        @Override
        public void addPath(String path) {
            calls.add("addPath " + path);
        }

        @Override
        public void removeMap(String map) {
            calls.add("removeMap " + map);
        }

        @Override
        public void addMap(String map) {
            calls.add("addMap " + map);
        }

        @Override
        public void hangChecks(String path, boolean hang) {
            calls.add("hangChecks " + path + " " + hang);
        }

        @Override
        public void openMap(String map) {
            calls.add("openMap " + map);
        }

        @Override
        public void closeMap(String map) {
            calls.add("closeMap " + map);
        }

        @Override
        public void growLun(String map, long sizeBytes) {
            calls.add("growLun " + map + " " + sizeBytes);
        }

        @Override
        public void hangMultipathd(boolean hang) {
            calls.add("hangMultipathd " + hang);
        }

        @Override
        public void busyMultipathd(boolean busy) {
            calls.add("busyMultipathd " + busy);
        }
    }
}
