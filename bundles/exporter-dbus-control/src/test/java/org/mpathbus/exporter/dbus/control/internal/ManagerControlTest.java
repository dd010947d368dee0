package org.mpathbus.exporter.dbus.control.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.mpathbus.api.DmGroupState;
import org.mpathbus.api.DmPathState;
import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.PathGroup;
import org.mpathbus.api.Topology;
import org.mpathbus.api.control.Outcome;
import org.mpathbus.exporter.dbus.spi.BusError;
import org.mpathbus.exporter.dbus.spi.BusReply;

public class ManagerControlTest extends ControlCallTestSupport {

    private final ManagerControl manager = new ManagerControl(export, changes);

    @Test
    public void addPathRepliesWithTheMapTheDeviceJoined() throws Exception {
        Topology before = export.topology();
        MultipathMap joined = San.mapB().toBuilder().groups(List.of(PathGroup.of(1, 50, "service-time 0",
                DmGroupState.ACTIVE, List.of(San.path("sde", 64, San.WWID_B, 1, DmPathState.ACTIVE),
                        San.path("sdz", 9, San.WWID_B, 1, DmPathState.ACTIVE))))).build();
        exportLater(San.next(before, List.of(before.map(San.WWID_A).orElseThrow(), joined), List.of()));
        BusReply reply = manager.call(call(FakeExport.ROOT, "AddPath", List.of("/dev/sdz"), Map.of()));
        assertEquals(List.of("addPath sdz"), control.asked());
        assertEquals(BusReply.objectPath(FakeExport.mapObject("mpathb")), reply);
    }

    @Test
    public void aDeviceNameThatIsNoKernelNameIsRefused() {
        for (String bad : new String[] {"", "../sda", "/dev/", "sd a", "/dev/disk/by-id/x"}) {
            BusError error = assertThrows(bad, BusError.class,
                    () -> manager.call(call(FakeExport.ROOT, "AddPath", List.of(bad), Map.of())));
            assertEquals(BusError.INVALID_ARGS, error.errorName());
        }
        assertEquals(List.of(), control.asked());
    }

    @Test
    public void wwidChangesReturnOnTheOwnersAnswer() throws Exception {
        assertEquals(BusReply.EMPTY, manager.call(call(FakeExport.ROOT, "AddWwid", List.of("36001405cccc"), Map.of())));
        control.answer = new Outcome(Outcome.Kind.NOT_FOUND, "");
        BusError error = assertThrows(BusError.class,
                () -> manager.call(call(FakeExport.ROOT, "ForgetWwid", List.of("36001405dddd"), Map.of())));
        assertEquals(BusError.NOT_FOUND, error.errorName());
        assertEquals(List.of("addWwid 36001405cccc", "forgetWwid 36001405dddd"), control.asked());
        assertEquals("nothing in the objects to wait for", List.of(), export.waits);
    }

    @Test
    public void aWwidThatWouldBreakTheWwidsFileIsRefused() {
        for (String bad : new String[] {"", "36001405/x", "a b", "a\nb"}) {
            BusError error = assertThrows(bad, BusError.class,
                    () -> manager.call(call(FakeExport.ROOT, "AddWwid", List.of(bad), Map.of())));
            assertEquals(BusError.INVALID_ARGS, error.errorName());
        }
    }

    @Test
    public void reconfigureReturnsOnceTheSourceWasReadAgain() throws Exception {
        long before = export.topology().generation();
        manager.call(call(FakeExport.ROOT, "Reconfigure", List.of(), Map.of()));
        assertEquals(List.of("reconfigure"), control.asked());
        assertEquals(before + 1, export.topology().generation());
    }
}
