package org.mpathbus.devmapper.internal;

import static org.junit.Assert.assertEquals;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.Test;
import org.mpathbus.api.DeviceNumber;

public class DmIoctlLayoutTest {

    /** Values printed by a C program including linux/dm-ioctl.h on the development machine. */
    @Test
    public void ioctlNumbersMatchTheKernelHeader() {
        assertEquals(0xc138fd00L, DmIoctl.DM_VERSION);
        assertEquals(0xc138fd02L, DmIoctl.DM_LIST_DEVICES);
        assertEquals(0xc138fd0cL, DmIoctl.DM_TABLE_STATUS);
        assertEquals(0xc138fd10L, DmIoctl.DM_DEV_ARM_POLL);
    }

    @Test
    public void deviceNumbersUseTheKernelsHugeEncoding() {
        DeviceNumber big = new DeviceNumber(253, 300);
        assertEquals(0xfd2cL | (0x100L << 12), DmIoctlLayout.encodeDevice(big));
        assertEquals(big, DmIoctlLayout.decodeDevice(DmIoctlLayout.encodeDevice(big)));
        assertEquals(new DeviceNumber(8, 16), DmIoctlLayout.decodeDevice(0x810));
    }

    @Test
    public void writesARequestHeader() {
        ByteBuffer buffer = buffer(1024);
        DmIoctlLayout.writeHeader(buffer, DmIoctl.DM_STATUS_TABLE_FLAG, new DeviceNumber(253, 1));

        assertEquals(4, buffer.getInt(0));
        assertEquals(1024, buffer.getInt(12));
        assertEquals(312, buffer.getInt(16));
        assertEquals(DmIoctl.DM_STATUS_TABLE_FLAG, buffer.getInt(28));
        assertEquals(0xfd01L, buffer.getLong(40));
    }

    @Test
    public void readsADeviceListWithEventNumbersAndUuids() {
        ByteBuffer buffer = buffer(4096);
        int first = 312;
        int second = writeListEntry(buffer, first, 0xfd00, "mpatha", 7, "mpath-3333");
        int end = writeListEntry(buffer, second, 0xfd01, "vg-root", 2, null);
        buffer.putInt(first + 8, second - first);
        buffer.putInt(16, first);
        buffer.putInt(12, end);

        List<DmDevice> devices = DmIoctlLayout.readDeviceList(buffer, true);

        assertEquals(List.of(new DmDevice("mpatha", new DeviceNumber(253, 0), 7, "mpath-3333"),
                new DmDevice("vg-root", new DeviceNumber(253, 1), 2, "")), devices);
    }

    @Test
    public void anEmptyDeviceListHasNoEntries() {
        ByteBuffer buffer = buffer(1024);
        buffer.putInt(16, 312);
        buffer.putInt(12, 312 + 16);
        assertEquals(List.of(), DmIoctlLayout.readDeviceList(buffer, true));
    }

    @Test
    public void readsTargetsWhoseNextOffsetCountsFromTheFirstSpec() {
        ByteBuffer buffer = buffer(4096);
        buffer.putInt(16, 312);
        buffer.putInt(20, 2);
        buffer.putInt(28, DmIoctl.DM_READONLY_FLAG);
        buffer.putInt(32, 9);
        buffer.putLong(40, 0xfd03);
        putString(buffer, 48, "mpathb");
        putString(buffer, 176, "mpath-3600");
        int secondOffset = writeSpec(buffer, 312, 0, 100, "linear", "8:0 0");
        buffer.putInt(312 + 20, secondOffset - 312);
        int end = writeSpec(buffer, secondOffset, 100, 28, "multipath", "0 0 0 0");
        buffer.putInt(12, end);

        DmTargets targets = DmIoctlLayout.readTargets(buffer);

        assertEquals("mpathb", targets.name());
        assertEquals("mpath-3600", targets.uuid());
        assertEquals(new DeviceNumber(253, 3), targets.device());
        assertEquals(9, targets.eventNumber());
        assertEquals(true, targets.readOnly());
        assertEquals(128, targets.sizeSectors());
        assertEquals(new DmTargets.Target(100, 28, "multipath", "0 0 0 0"), targets.targets().get(1));
    }

    /** Lays out one dm_name_list record as list_devices() does; returns where the next one starts. */
    private static int writeListEntry(ByteBuffer buffer, int at, long dev, String name, int eventNr, String uuid) {
        buffer.putLong(at, dev);
        putString(buffer, at + 12, name);
        int event = DmIoctlLayout.align8(at + 12 + name.length() + 1);
        buffer.putInt(event, eventNr);
        buffer.putInt(event + 4, uuid == null ? 2 : 1);
        int next = event + 8;
        if (uuid != null) {
            putString(buffer, next, uuid);
            next = DmIoctlLayout.align8(next + uuid.length() + 1);
        }
        return next;
    }

    private static int writeSpec(ByteBuffer buffer, int at, long start, long length, String type, String text) {
        buffer.putLong(at, start);
        buffer.putLong(at + 8, length);
        putString(buffer, at + 24, type);
        putString(buffer, at + 40, text);
        return DmIoctlLayout.align8(at + 40 + text.length() + 1);
    }

    private static void putString(ByteBuffer buffer, int at, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        buffer.put(at, bytes);
        buffer.put(at + bytes.length, (byte) 0);
    }

    private static ByteBuffer buffer(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.nativeOrder());
    }
}
