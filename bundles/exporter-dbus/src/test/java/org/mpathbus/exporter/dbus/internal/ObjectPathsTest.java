package org.mpathbus.exporter.dbus.internal;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class ObjectPathsTest {

    @Test
    public void lettersAndDigitsStayAndEverythingElseBecomesUnderscoreHex() {
        assertEquals("3600a0b800012345", ObjectPaths.escape("3600a0b800012345"));
        assertEquals("naa_2e6001405", ObjectPaths.escape("naa.6001405"));
        assertEquals("eui_2e0025_5f38", ObjectPaths.escape("eui.0025_38"));
        assertEquals("a_20b", ObjectPaths.escape("a b"));
        assertEquals("nvme0n1", ObjectPaths.escape("nvme0n1"));
    }

    @Test
    public void nonAsciiIsEscapedBytewiseAndEmptyNamesStillMakeAnElement() {
        assertEquals("_c3_a9", ObjectPaths.escape("é"));
        assertEquals("_", ObjectPaths.escape(""));
    }

    @Test
    public void mapPathsAreKeyedByWwidAndPathsByKernelName() {
        assertEquals("/org/mpathbus/Multipath1/maps/36001405abc/groups/2", ObjectPaths.group("36001405abc", 2));
        assertEquals("/org/mpathbus/Multipath1/paths/sdb", ObjectPaths.path("sdb"));
        assertEquals("/org/mpathbus/Multipath1/paths/cciss_21c0d0", ObjectPaths.path("cciss!c0d0"));
    }
}
