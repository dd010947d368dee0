package org.mpathbus.api;

/** A block device's major:minor number. */
public record DeviceNumber(int major, int minor) implements Comparable<DeviceNumber> {

    public DeviceNumber {
        if (major < 0 || minor < 0) {
            throw new IllegalArgumentException("negative device number " + major + ":" + minor);
        }
    }

    /** Parses "8:16". */
    public static DeviceNumber parse(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("not a major:minor device number: '" + text + "'");
        }
        try {
            return new DeviceNumber(Integer.parseInt(text.substring(0, colon)), Integer.parseInt(text.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a major:minor device number: '" + text + "'", e);
        }
    }

    /** The user-space dev_t (glibc makedev), the encoding udisks and stat(2) use. */
    public long devT() {
        long maj = major & 0xffffffffL;
        long min = minor & 0xffffffffL;
        return ((maj & 0x00000fffL) << 8) | ((maj & 0xfffff000L) << 32) | (min & 0x000000ffL) | ((min & 0xffffff00L) << 12);
    }

    /** The inverse of {@link #devT()}. */
    public static DeviceNumber fromDevT(long dev) {
        int maj = (int) (((dev >>> 8) & 0x00000fffL) | ((dev >>> 32) & 0xfffff000L));
        int min = (int) ((dev & 0x000000ffL) | ((dev >>> 12) & 0xffffff00L));
        return new DeviceNumber(maj, min);
    }

    @Override
    public int compareTo(DeviceNumber other) {
        int byMajor = Integer.compare(major, other.major);
        return byMajor != 0 ? byMajor : Integer.compare(minor, other.minor);
    }

    @Override
    public String toString() {
        return major + ":" + minor;
    }
}
