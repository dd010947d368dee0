package org.mpathbus.simulator.internal;

import static org.junit.Assert.assertEquals;

import org.junit.Test;
import org.mpathbus.api.DeviceNumber;

public class KernelNamesTest {

    @Test
    public void diskNamesRunFromSdaToSdzThenSdaa() {
        assertEquals("sda", KernelNames.sdName(0));
        assertEquals("sdz", KernelNames.sdName(25));
        assertEquals("sdaa", KernelNames.sdName(26));
        assertEquals("sdaz", KernelNames.sdName(51));
        assertEquals("sdba", KernelNames.sdName(52));
        assertEquals("sdzz", KernelNames.sdName(701));
        assertEquals("sdaaa", KernelNames.sdName(702));
    }

    @Test
    public void friendlyNamesFollowMultipathTools() {
        assertEquals("mpatha", KernelNames.friendlyName(0));
        assertEquals("mpathz", KernelNames.friendlyName(25));
        assertEquals("mpathaa", KernelNames.friendlyName(26));
        assertEquals("mpathcrd", KernelNames.friendlyName(2499));
    }

    @Test
    public void diskNumbersFollowTheSdMajors() {
        assertEquals(new DeviceNumber(8, 0), KernelNames.sdDeviceNumber(0));
        assertEquals(new DeviceNumber(8, 16), KernelNames.sdDeviceNumber(1));
        assertEquals(new DeviceNumber(8, 240), KernelNames.sdDeviceNumber(15));
        assertEquals(new DeviceNumber(65, 0), KernelNames.sdDeviceNumber(16));
        assertEquals(new DeviceNumber(71, 240), KernelNames.sdDeviceNumber(127));
        assertEquals(new DeviceNumber(128, 0), KernelNames.sdDeviceNumber(128));
        assertEquals(new DeviceNumber(135, 240), KernelNames.sdDeviceNumber(255));
        // Disk 257 (sdiw) starts the majors over with extended minors: 8:256
        assertEquals(new DeviceNumber(8, 256), KernelNames.sdDeviceNumber(256));
        assertEquals(new DeviceNumber(65, 272), KernelNames.sdDeviceNumber(273));
    }
}
