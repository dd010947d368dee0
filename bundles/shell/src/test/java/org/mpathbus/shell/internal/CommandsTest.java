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
import org.mpathbus.testing.FixedTopologyService;

public class CommandsTest {

    private final FixedTopologyService engine = new FixedTopologyService(Fixtures.topology());

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
            engine.addEvent(new MapRemoved(sequence, Instant.EPOCH, Fixtures.byWwid()));
        }
        InspectionCommands commands = new InspectionCommands(engine);
        String[] lastThree = commands.events(false, 3).split("\n");
        assertEquals(3, lastThree.length);
        assertTrue(lastThree[0], lastThree[0].startsWith("#28 "));
        assertTrue(lastThree[2], lastThree[2].startsWith("#30 "));
        assertEquals(InspectionCommands.DEFAULT_EVENT_COUNT, commands.events(false).split("\n").length);
        assertEquals(30, commands.events(false, 1000).split("\n").length);
    }
}
