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
        assertEquals("failed path sdb (link down)\n", commands.fail("sdb"));
        commands.restore("sdb");
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
    public void faultCommandsRefuseWithoutTheSimulator() {
        FaultCommands commands = new FaultCommands(engine, null);
        IllegalStateException refused = expectRefusal(() -> commands.fail("sdb"));
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
    }
}
