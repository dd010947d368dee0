package org.mpathbus.exporter.dbus.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.UInt64;
import org.freedesktop.dbus.types.Variant;

/**
 * Builds one interface's properties as D-Bus variants with explicit signatures, in documentation order. The
 * signatures are given, never inferred, so what goes on the wire is exactly what docs/dbus declares.
 */
final class PropertyTable {

    private final Map<String, Variant<?>> values = new LinkedHashMap<>();

    PropertyTable string(String name, String value) {
        return put(name, value, "s");
    }

    PropertyTable uint64(String name, long value) {
        return put(name, new UInt64(value), "t");
    }

    PropertyTable uint32(String name, long value) {
        return put(name, new UInt32(value), "u");
    }

    PropertyTable int32(String name, int value) {
        return put(name, value, "i");
    }

    PropertyTable bool(String name, boolean value) {
        return put(name, value, "b");
    }

    PropertyTable object(String name, String path) {
        return put(name, new DBusPath(path), "o");
    }

    PropertyTable objects(String name, List<String> paths) {
        List<DBusPath> list = new ArrayList<>(paths.size());
        for (String path : paths) {
            list.add(new DBusPath(path));
        }
        return put(name, Collections.unmodifiableList(list), "ao");
    }

    PropertyTable strings(String name, List<String> value) {
        return put(name, List.copyOf(value), "as");
    }

    /** A file name as udisks exports it: the bytes with a terminating NUL. */
    PropertyTable bytestring(String name, String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        byte[] terminated = new byte[utf8.length + 1];
        System.arraycopy(utf8, 0, terminated, 0, utf8.length);
        return put(name, terminated, "ay");
    }

    PropertyTable blacklist(String name, List<BlacklistEntry> entries) {
        return put(name, List.copyOf(entries), BlacklistEntry.LIST_SIGNATURE);
    }

    PropertyTable struct(String name, Object value, String signature) {
        return put(name, value, signature);
    }

    /** Takes over a value of an earlier table as it is (no copy, no new variant). */
    PropertyTable reuse(String name, Variant<?> value) {
        values.put(name, value);
        return this;
    }

    private PropertyTable put(String name, Object value, String signature) {
        values.put(name, new Variant<>(value, signature));
        return this;
    }

    Map<String, Variant<?>> build() {
        return Collections.unmodifiableMap(values);
    }
}
