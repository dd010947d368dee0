package org.mpathbus.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.Test;

/** What people type to name a map or a path, as the shell's mpath:show and D-Bus Manager.Lookup take it. */
public class DeviceLookupTest {

    private final Path unmapped = Path.builder("sdz", new DeviceNumber(65, 144)).build();
    private final Topology topology = Topology.of(1, Instant.EPOCH, "test", List.of(TopologyTest.map(1),
            TopologyTest.map(2).toBuilder().name("wwid-2").kernelName("dm-2").build()), List.of(unmapped), List.of());

    private String map(String id) {
        return DeviceLookup.findMap(topology, id).map(MultipathMap::wwid).orElse("none");
    }

    private String path(String id) {
        return DeviceLookup.findPath(topology, id).map(Path::name).orElse("none");
    }

    @Test
    public void aMapIsFoundByWwidNameDeviceNodeKernelNameOrDeviceNumber() {
        assertEquals("wwid-1", map("wwid-1"));
        assertEquals("wwid-1", map("mpath1"));
        assertEquals("wwid-1", map("/dev/mapper/mpath1"));
        assertEquals("wwid-2", map("dm-2"));
        assertEquals("wwid-2", map("/dev/dm-2"));
        assertEquals("wwid-2", map("253:2"));
        assertEquals("a map named by its WWID", "wwid-2", map("/dev/mapper/wwid-2"));
    }

    @Test
    public void aPathIsFoundByKernelNameDeviceNodeOrDeviceNumber() {
        assertEquals("sd-1-3", path("sd-1-3"));
        assertEquals("sd-2-1", path("/dev/sd-2-1"));
        assertEquals("sd-2-4", path("8:36"));
        assertEquals("a path in no map", "sdz", path("/dev/sdz"));
        assertEquals("sdz", path("65:144"));
    }

    @Test
    public void whatNamesNothingFindsNothing() {
        assertEquals("none", map("mpath9"));
        assertEquals("none", map("sd-1-1"));
        assertEquals("a path is no map", "none", map("8:17"));
        assertEquals("none", path("sdq"));
        assertEquals("a map is no path", "none", path("253:1"));
        assertEquals(Optional.empty(), DeviceLookup.findPath(Topology.empty("test"), "sda"));
        assertTrue(DeviceLookup.findMap(Topology.empty("test"), "").isEmpty());
    }
}
