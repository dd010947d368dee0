package org.mpathbus.simulator.internal;

import org.mpathbus.api.DeviceNumber;

/** Names and numbers as Linux and multipath-tools give them. */
final class KernelNames {

    /** sd_major(): majors 8, 65-71 and 128-135, 16 disks each, then the next 256 disks start over. */
    private static final int[] SD_MAJORS = {8, 65, 66, 67, 68, 69, 70, 71, 128, 129, 130, 131, 132, 133, 134, 135};

    /** A major commonly given to device-mapper (dynamically allocated, 253 on most systems). */
    static final int DM_MAJOR = 253;

    private KernelNames() {
    }

    /** The kernel name of the {@code index}th SCSI disk (0-based): sda..sdz, sdaa..sdzz, sdaaa... */
    static String sdName(int index) {
        return "sd" + letters(index);
    }

    /** The device number of the {@code index}th SCSI disk, as sd_probe() assigns it. */
    static DeviceNumber sdDeviceNumber(int index) {
        int major = SD_MAJORS[(index & 0xf0) >> 4];
        int minor = ((index & 0xf) << 4) | (index & 0xfff00);
        return new DeviceNumber(major, minor);
    }

    /** multipath-tools' user-friendly name of the {@code index}th map (0-based): mpatha..mpathz, mpathaa... */
    static String friendlyName(int index) {
        return "mpath" + letters(index);
    }

    /** The {@code index}th (0-based) word of a, b, ..., z, aa, ab, ..., zz, aaa: bijective base 26. */
    static String letters(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("negative index " + index);
        }
        char[] buffer = new char[8];
        int at = buffer.length;
        int n = index;
        do {
            buffer[--at] = (char) ('a' + n % 26);
            n = n / 26 - 1;
        } while (n >= 0);
        return new String(buffer, at, buffer.length - at);
    }
}
