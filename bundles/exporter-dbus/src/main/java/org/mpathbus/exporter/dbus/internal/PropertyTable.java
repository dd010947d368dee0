package org.mpathbus.exporter.dbus.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
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

    private final List<String> names = new ArrayList<>(24);
    private final List<String> signatures = new ArrayList<>(24);
    private final List<Object> values = new ArrayList<>(24);

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

    /** Takes over a value of an earlier table as it is (no copy). */
    PropertyTable reuse(String name, Variant<?> value) {
        return put(name, value.getValue(), value.getSig());
    }

    private PropertyTable put(String name, Object value, String signature) {
        names.add(name);
        signatures.add(signature);
        values.add(value);
        return this;
    }

    Map<String, Variant<?>> build() {
        return new PropertyMap(names, signatures, values);
    }
}
