package org.mpathbus.exporter.dbus.control.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.mpathbus.api.DmPathState;
import org.mpathbus.api.Topology;
import org.mpathbus.api.control.Outcome;
import org.mpathbus.exporter.dbus.spi.BusError;
import org.mpathbus.exporter.dbus.spi.BusReply;

public class PathControlTest extends ControlCallTestSupport {

    private final PathControl paths = new PathControl(export, changes);
    private final String sda = FakeExport.pathObject("sda");

    @Test
    public void failReturnsOnlyOnceTheExportedPathReadsFailed() throws Exception {
        Topology failed = San.withMapA(export.topology(), San.mapA(DmPathState.FAILED, true));
        exportLater(failed);
        BusReply reply = paths.call(call(sda, "Fail", List.of(), Map.of()));
        assertSame(BusReply.EMPTY, reply);
        assertEquals(List.of("failPath sda"), control.asked());
        assertSame("replied after the change was exported", failed, export.topology());
    }

    @Test
    public void theControlGetsWhatIsLeftOfTheCallersTime() throws Exception {
        exportLater(San.withMapA(export.topology(), San.mapA(DmPathState.FAILED, true)));
        paths.call(call(sda, "Fail", List.of(), Map.of("timeout", 5)));
        Duration given = control.requests.get(0).timeout();
        assertTrue(given.toString(), given.compareTo(Duration.ofSeconds(5)) <= 0
                && given.compareTo(Duration.ofSeconds(4)) > 0);
        Duration waited = export.waits.get(0);
        assertTrue(waited.toString(), waited.compareTo(given) <= 0);
    }

    @Test
    public void anEffectNeverSeenIsATimeoutWithinTheCallersTime() {
        long started = System.nanoTime();
        BusError error = assertThrows(BusError.class,
                () -> paths.call(call(sda, "Fail", List.of(), Map.of("timeout", 0.3))));
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertEquals(BusError.TIMEOUT, error.errorName());
        assertEquals("fail path sda (map mpatha): the simulator answered ok but the effect was not seen within"
                + " 0.3 s (waiting until path sda's DmState reads failed)", error.getMessage());
        assertTrue(millis + " ms", millis >= 290 && millis < 2000);
    }

    @Test
    public void theOwnersRefusalIsItsTypedErrorWithItsWords() {
        control.answer = new Outcome(Outcome.Kind.NOT_FOUND, "fail");
        BusError error = assertThrows(BusError.class, () -> paths.call(call(sda, "Reinstate", List.of(), Map.of())));
        assertEquals(BusError.NOT_FOUND, error.errorName());
        assertEquals("reinstate path sda (map mpatha): the simulator does not know it; the simulator said: fail",
                error.getMessage());
        assertEquals("no wait for an effect that will not come", List.of(), export.waits);
    }

    @Test
    public void badOptionsAreRefusedBeforeTheOwnerIsAsked() {
        BusError error = assertThrows(BusError.class,
                () -> paths.call(call(sda, "Fail", List.of(), Map.of("timeout", "soon"))));
        assertEquals(BusError.INVALID_ARGS, error.errorName());
        assertEquals(List.of(), control.asked());
    }

    @Test
    public void removeReturnsOnceThePathIsInNoMap() throws Exception {
        Topology before = export.topology();
        Topology removed = San.next(before, List.of(San.mapB()), List.of(San.path("sda", 0, "", 0, DmPathState.UNDEF)));
        exportLater(removed);
        paths.call(call(sda, "Remove", List.of(), Map.of()));
        assertEquals(List.of("removePath sda"), control.asked());
        assertSame(removed, export.topology());
    }

    @Test
    public void withoutAControlOfTheSourceTheCallFails() {
        controls.remove(control);
        BusError error = assertThrows(BusError.class, () -> paths.call(call(sda, "Fail", List.of(), Map.of())));
        assertEquals(BusError.FAILED, error.errorName());
        assertTrue(error.getMessage(), error.getMessage().startsWith("no control for source simulator: "));
    }

    @Test
    public void anUnknownPathObjectIsNotFound() {
        BusError error = assertThrows(BusError.class,
                () -> paths.call(call(FakeExport.pathObject("sdq"), "Fail", List.of(), Map.of())));
        assertEquals(BusError.NOT_FOUND, error.errorName());
    }
}
