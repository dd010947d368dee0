package org.mpathbus.shell.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

import org.junit.Test;
import org.mpathbus.api.Topology;
import org.mpathbus.api.TopologyService;
import org.mpathbus.api.event.MapRemoved;
import org.mpathbus.api.event.TopologyEvent;
import org.mpathbus.simulator.SanSimulator;

public class CommandsTest {

    private final FakeTopologyService engine = new FakeTopologyService(Fixtures.topology());
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
        FakeTopologyService devmapper = new FakeTopologyService(new Topology(1, Instant.EPOCH, "devmapper", List.of(),
                List.of(), List.of()));
        FaultCommands commands = new FaultCommands(devmapper, simulator);
        IllegalStateException refused = expectRefusal(() -> commands.remove(true, "mpatha"));
        assertEquals("the simulator is not the active source (the engine reads 'devmapper')", refused.getMessage());
        assertTrue(simulator.calls.isEmpty());
    }

    @Test
    public void showFindsAMapByAnyOfItsNames() {
        InspectionCommands commands = new InspectionCommands(engine);
        String byName = commands.show(false, "mpatha");
        assertEquals(byName, commands.show(false, "dm-0"));
        assertEquals(byName, commands.show(false, "253:0"));
        assertEquals(byName, commands.show(false, Fixtures.WWID_A));
        assertTrue(commands.show(true, "/dev/mapper/mpatha").contains("\"map\": {"));
    }

    @Test
    public void showNamesAMapItCannotFind() {
        InspectionCommands commands = new InspectionCommands(engine);
        try {
            commands.show(false, "mpathq");
        } catch (NoSuchElementException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith("no map 'mpathq'"));
            return;
        }
        throw new AssertionError("show of an unknown map succeeded");
    }

    @Test
    public void eventsShowsTheMostRecentOnes() {
        for (int sequence = 1; sequence <= 30; sequence++) {
            engine.events.add(new MapRemoved(sequence, Instant.EPOCH, Fixtures.byWwid()));
        }
        InspectionCommands commands = new InspectionCommands(engine);
        String[] lastThree = commands.events(false, 3).split("\n");
        assertEquals(3, lastThree.length);
        assertTrue(lastThree[0], lastThree[0].startsWith("#28 "));
        assertTrue(lastThree[2], lastThree[2].startsWith("#30 "));
        assertEquals(InspectionCommands.DEFAULT_EVENT_COUNT, commands.events(false).split("\n").length);
        assertEquals(30, commands.events(false, 1000).split("\n").length);
    }

    private static IllegalStateException expectRefusal(Runnable command) {
        try {
            command.run();
        } catch (IllegalStateException e) {
            return e;
        }
        throw new AssertionError("the command was not refused");
    }

    static final class FakeTopologyService implements TopologyService {
        private final Topology topology;
        final List<TopologyEvent> events = new ArrayList<>();

        FakeTopologyService(Topology topology) {
            this.topology = topology;
        }

        @Override
        public Topology topology() {
            return topology;
        }

        @Override
        public List<TopologyEvent> recentEvents() {
            return List.copyOf(events);
        }

        @Override
        public Topology refresh() {
            return topology;
        }
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
