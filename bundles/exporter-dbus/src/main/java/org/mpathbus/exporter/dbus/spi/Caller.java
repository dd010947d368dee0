package org.mpathbus.exporter.dbus.spi;

/**
 * Who made a call, as the bus says (never as the caller says).
 *
 * @param busName the caller's unique connection name, such as ":1.42"
 * @param uid the caller's user id
 * @param pid the caller's process id, or -1 when the bus does not know it
 */
public record Caller(String busName, long uid, long pid) {
}
