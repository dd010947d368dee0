package org.mpathbus.exporter.dbus.control.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.mpathbus.api.Topology;
import org.mpathbus.api.control.Outcome;
import org.mpathbus.exporter.dbus.spi.BusError;

public class MapControlTest extends ControlCallTestSupport {

    private final MapControl maps = new MapControl(export, changes);
    private final String mpatha = FakeExport.mapObject("mpatha");

    @Test
    public void flushReturnsOnceTheMapIsGone() throws Exception {
        Topology before = export.topology();
        exportLater(San.next(before, List.of(San.mapB()), before.unmappedPaths()));
        maps.call(call(mpatha, "Flush", List.of(), Map.of()));
        assertEquals(List.of("flushMap mpatha"), control.asked());
        assertFalse(export.topology().map(San.WWID_A).isPresent());
    }

    @Test
    public void aMapInUseIsInUse() {
        control.answer = new Outcome(Outcome.Kind.IN_USE, "map in use");
        BusError error = assertThrows(BusError.class, () -> maps.call(call(mpatha, "Flush", List.of(), Map.of())));
        assertEquals(BusError.IN_USE, error.errorName());
        assertTrue(error.getMessage(), error.getMessage().startsWith("flush map mpatha: "));
        assertTrue(error.getMessage(), error.getMessage().endsWith("said: map in use"));
    }

    @Test
    public void switchGroupAsksForTheGroupsIndexAndReturnsOnceTheSourceWasReadAgain() throws Exception {
        long before = export.topology().generation();
        maps.call(call(mpatha, "SwitchGroup", List.of(FakeExport.groupObject("mpatha", 2)), Map.of()));
        assertEquals(List.of("switchGroup mpatha 2"), control.asked());
        assertTrue("a re-read after the owner's ok was exported", export.topology().generation() > before);
    }

    @Test
    public void aGroupOfAnotherMapIsRefusedBeforeTheOwnerIsAsked() {
        BusError error = assertThrows(BusError.class, () -> maps.call(
                call(mpatha, "SwitchGroup", List.of(FakeExport.groupObject("mpathb", 1)), Map.of())));
        assertEquals(BusError.INVALID_ARGS, error.errorName());
        assertEquals("SwitchGroup: argument 'group' /org/mpathbus/Multipath1/maps/mpathb/groups/1 is a group of map"
                + " mpathb, not of map mpatha", error.getMessage());
        BusError noGroup = assertThrows(BusError.class, () -> maps.call(
                call(mpatha, "SwitchGroup", List.of(FakeExport.groupObject("mpatha", 7)), Map.of())));
        assertEquals(BusError.INVALID_ARGS, noGroup.errorName());
        BusError notAnObject = assertThrows(BusError.class, () -> maps.call(
                call(mpatha, "SwitchGroup", List.of(2), Map.of())));
        assertEquals("SwitchGroup: argument 'group' must be a string, not 2", notAnObject.getMessage());
        assertEquals(List.of(), control.asked());
    }

    @Test
    public void disablingQueueingReturnsOnceTheSourceWasReadAgain() throws Exception {
        long before = export.topology().generation();
        maps.call(call(mpatha, "SetQueueing", List.of(false), Map.of()));
        assertEquals(List.of("setQueueing mpatha false"), control.asked());
        assertTrue(export.topology().generation() > before);
    }

    @Test
    public void restoringQueueingReturnsOnceTheSourceWasReadAgain() throws Exception {
        long before = export.topology().generation();
        maps.call(call(mpatha, "SetQueueing", List.of(true), Map.of()));
        assertEquals(List.of("setQueueing mpatha true"), control.asked());
        assertTrue(export.topology().generation() > before);
    }

    @Test
    public void aReReadThatFailsIsFailedSayingTheChangeWasMade() {
        export.refreshFails = new IllegalStateException("no source is bound");
        BusError error = assertThrows(BusError.class, () -> maps.call(call(mpatha, "Resize", List.of(), Map.of())));
        assertEquals(BusError.FAILED, error.errorName());
        assertEquals("the change was made but the source could not be re-read: no source is bound",
                error.getMessage());
    }

    @Test
    public void aReReadSlowerThanTheCallersTimeIsATimeoutAtTheDeadline() {
        export.refreshTakes = Duration.ofSeconds(5);
        long started = System.nanoTime();
        BusError error = assertThrows(BusError.class,
                () -> maps.call(call(mpatha, "Resize", List.of(), Map.of("timeout", 0.5))));
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(BusError.TIMEOUT, error.errorName());
        assertTrue(error.getMessage(), error.getMessage().contains("answered ok but the effect was not seen"));
        assertTrue(millis + " ms", millis < 2000);
    }
}
