package org.mpathbus.devmapper.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.mpathbus.api.DeviceNumber;

/**
 * struct dm_ioctl (linux/dm-ioctl.h, interface version 4) and the payloads of the commands we use,
 * written into and read from a native-order buffer that starts with the struct. Offsets checked against
 * the kernel headers with offsetof(): sizeof(struct dm_ioctl) 312, sizeof(struct dm_target_spec) 40.
 */
final class DmIoctlLayout {

    static final int SIZEOF_DM_IOCTL = 312;
    static final int VERSION = 0;
    static final int DATA_SIZE = 12;
    static final int DATA_START = 16;
    static final int TARGET_COUNT = 20;
    static final int FLAGS = 28;
    static final int EVENT_NR = 32;
    static final int DEV = 40;
    static final int NAME = 48;
    static final int NAME_LEN = 128;
    static final int UUID = 176;
    static final int UUID_LEN = 129;

    static final int SIZEOF_TARGET_SPEC = 40;
    static final int SPEC_SECTOR_START = 0;
    static final int SPEC_LENGTH = 8;
    static final int SPEC_NEXT = 20;
    static final int SPEC_TARGET_TYPE = 24;
    static final int MAX_TYPE_NAME = 16;

    static final int NAME_LIST_DEV = 0;
    static final int NAME_LIST_NEXT = 8;
    static final int NAME_LIST_NAME = 12;
    static final int NAME_LIST_FLAG_HAS_UUID = 1;

    /** The interface major version we speak; the kernel refuses any other. */
    static final int INTERFACE_MAJOR = 4;

    private DmIoctlLayout() {
    }

    /** _IOWR(0xfd, nr, struct dm_ioctl), as the kernel header defines every dm command. */
    static long iowr(int commandNumber) {
        long readWrite = 3L;
        return (readWrite << 30) | ((long) SIZEOF_DM_IOCTL << 16) | (0xfdL << 8) | commandNumber;
    }

    /** Fills the header of a request: interface 4.0.0, the whole buffer as data, the flags and device. */
    static void writeHeader(ByteBuffer buffer, int flags, DeviceNumber device) {
        for (int i = 0; i < buffer.capacity(); i++) {
            buffer.put(i, (byte) 0);
        }
        buffer.putInt(VERSION, INTERFACE_MAJOR);
        buffer.putInt(DATA_SIZE, buffer.capacity());
        buffer.putInt(DATA_START, SIZEOF_DM_IOCTL);
        buffer.putInt(FLAGS, flags);
        buffer.putLong(DEV, device == null ? 0 : encodeDevice(device));
    }

    static int[] version(ByteBuffer buffer) {
        return new int[] {buffer.getInt(VERSION), buffer.getInt(VERSION + 4), buffer.getInt(VERSION + 8)};
    }

    static int flags(ByteBuffer buffer) {
        return buffer.getInt(FLAGS);
    }

    /** The kernel's huge_encode_dev (new_encode_dev): minor's low byte, major, then minor's high bits. */
    static long encodeDevice(DeviceNumber device) {
        long major = device.major() & 0xfffL;
        long minor = device.minor() & 0xfffffL;
        return (minor & 0xff) | (major << 8) | ((minor & ~0xffL) << 12);
    }

    static DeviceNumber decodeDevice(long dev) {
        int major = (int) ((dev & 0xfff00) >>> 8);
        int minor = (int) ((dev & 0xff) | ((dev >>> 12) & 0xfff00));
        return new DeviceNumber(major, minor);
    }

    /**
     * Reads DM_LIST_DEVICES output: a chain of struct dm_name_list, each followed (8-byte aligned) by
     * event_nr and flags, and the uuid when flags say so.
     */
    static List<DmDevice> readDeviceList(ByteBuffer buffer, boolean uuidRequested) {
        List<DmDevice> devices = new ArrayList<>();
        int record = buffer.getInt(DATA_START);
        int end = Math.min(buffer.capacity(), buffer.getInt(DATA_SIZE));
        if (record + NAME_LIST_NAME > end || buffer.getLong(record + NAME_LIST_DEV) == 0) {
            return devices;
        }
        while (true) {
            long dev = buffer.getLong(record + NAME_LIST_DEV);
            int next = buffer.getInt(record + NAME_LIST_NEXT);
            int nameLength = cStringLength(buffer, record + NAME_LIST_NAME, end - record - NAME_LIST_NAME);
            String name = cString(buffer, record + NAME_LIST_NAME, nameLength);
            int eventOffset = align8(record + NAME_LIST_NAME + nameLength + 1);
            long eventNumber = buffer.getInt(eventOffset) & 0xffffffffL;
            String uuid = null;
            if (uuidRequested) {
                int flags = buffer.getInt(eventOffset + 4);
                uuid = (flags & NAME_LIST_FLAG_HAS_UUID) != 0 ? cString(buffer, eventOffset + 8, end - eventOffset - 8) : "";
            }
            devices.add(new DmDevice(name, decodeDevice(dev), eventNumber, uuid));
            if (next == 0 || record + next + NAME_LIST_NAME > end) {
                return devices;
            }
            record += next;
        }
    }

    /** Reads DM_TABLE_STATUS output: the header and target_count dm_target_spec records, each with its text. */
    static DmTargets readTargets(ByteBuffer buffer) {
        int dataStart = buffer.getInt(DATA_START);
        int end = Math.min(buffer.capacity(), buffer.getInt(DATA_SIZE));
        int count = buffer.getInt(TARGET_COUNT);
        List<DmTargets.Target> targets = new ArrayList<>();
        int spec = dataStart;
        for (int i = 0; i < count && spec + SIZEOF_TARGET_SPEC <= end; i++) {
            targets.add(new DmTargets.Target(buffer.getLong(spec + SPEC_SECTOR_START), buffer.getLong(spec + SPEC_LENGTH),
                    cString(buffer, spec + SPEC_TARGET_TYPE, MAX_TYPE_NAME),
                    cString(buffer, spec + SIZEOF_TARGET_SPEC, end - spec - SIZEOF_TARGET_SPEC)));
            // For DM_TABLE_STATUS, next counts from the first spec, not from this one.
            spec = dataStart + buffer.getInt(spec + SPEC_NEXT);
        }
        return new DmTargets(cString(buffer, NAME, NAME_LEN), cString(buffer, UUID, UUID_LEN),
                decodeDevice(buffer.getLong(DEV)), buffer.getInt(EVENT_NR) & 0xffffffffL, buffer.getInt(FLAGS), targets);
    }

    static String cString(ByteBuffer buffer, int offset, int maxLength) {
        byte[] bytes = new byte[cStringLength(buffer, offset, maxLength)];
        buffer.get(offset, bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Bytes before the terminating NUL, at most maxLength. */
    static int cStringLength(ByteBuffer buffer, int offset, int maxLength) {
        int limit = Math.min(buffer.capacity(), offset + Math.max(0, maxLength));
        int end = offset;
        while (end < limit && buffer.get(end) != 0) {
            end++;
        }
        return Math.max(0, end - offset);
    }

    static int align8(int offset) {
        return (offset + 7) & ~7;
    }
}
