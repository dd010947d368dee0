package org.mpathbus.exporter.dbus.spi;

import java.util.List;

/**
 * What a method returns: its D-Bus signature and values (see {@link BusInterface} for the Java types).
 */
public record BusReply(String signature, List<Object> values) {

    /** A method that returns nothing. */
    public static final BusReply EMPTY = new BusReply("", List.of());

    public BusReply {
        values = List.copyOf(values);
    }

    /** A reply of one object path. */
    public static BusReply objectPath(String path) {
        return new BusReply("o", List.of(path));
    }
}
