package org.mpathbus.exporter.dbus.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.UInt64;
import org.freedesktop.dbus.types.Variant;

/**
 * Marshals D-Bus wire format (little endian) into one growing array: the reply to GetManagedObjects, which
 * dbus-java 5.2.2 cannot build at this size (its Message grows its chunk list by 20 entries at a time, so a
 * reply of millions of fields takes minutes). Alignment is relative to the start of the buffer, which is the
 * start of a message or of a message body (both 8-aligned).
 */
final class WireWriter {

    private byte[] buffer;
    private int size;

    WireWriter(int capacity) {
        buffer = new byte[Math.max(capacity, 64)];
    }

    int size() {
        return size;
    }

    byte[] toByteArray() {
        return Arrays.copyOf(buffer, size);
    }

    void align(int alignment) {
        int padded = (size + alignment - 1) & -alignment;
        ensure(padded - size);
        size = padded;
    }

    void byte8(int value) {
        ensure(1);
        buffer[size++] = (byte) value;
    }

    void uint32(long value) {
        align(4);
        ensure(4);
        putInt(size, (int) value);
        size += 4;
    }

    void int64(long value) {
        align(8);
        ensure(8);
        for (int i = 0; i < 8; i++) {
            buffer[size++] = (byte) (value >>> (8 * i));
        }
    }

    void string(String value) {
        byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
        uint32(utf8.length);
        bytes(utf8);
        byte8(0);
    }

    void signature(String value) {
        byte[] ascii = value.getBytes(StandardCharsets.US_ASCII);
        byte8(ascii.length);
        bytes(ascii);
        byte8(0);
    }

    void bytes(byte[] value) {
        ensure(value.length);
        System.arraycopy(value, 0, buffer, size, value.length);
        size += value.length;
    }

    /** Starts an array: writes a length placeholder and pads to the elements' alignment. */
    int beginArray(int elementAlignment) {
        uint32(0);
        int lengthAt = size - 4;
        align(elementAlignment);
        return lengthAt;
    }

    /** Fills in the length of the array begun at {@code lengthAt}: the element bytes, without the padding. */
    void endArray(int lengthAt, int elementAlignment) {
        int elementsStart = (lengthAt + 4 + elementAlignment - 1) & -elementAlignment;
        putInt(lengthAt, size - elementsStart);
    }

    /** a{oa{sa{sv}}}: objects, their interfaces and properties, as ObjectManager.GetManagedObjects returns them. */
    void managedObjects(Map<DBusPath, Map<String, Map<String, Variant<?>>>> objects) {
        int objectsAt = beginArray(8);
        for (Map.Entry<DBusPath, Map<String, Map<String, Variant<?>>>> object : objects.entrySet()) {
            align(8);
            string(object.getKey().getPath());
            interfaces(object.getValue());
        }
        endArray(objectsAt, 8);
    }

    /** a{sa{sv}}. */
    void interfaces(Map<String, Map<String, Variant<?>>> interfaces) {
        int interfacesAt = beginArray(8);
        for (Map.Entry<String, Map<String, Variant<?>>> iface : interfaces.entrySet()) {
            align(8);
            string(iface.getKey());
            properties(iface.getValue());
        }
        endArray(interfacesAt, 8);
    }

    /** a{sv}. */
    void properties(Map<String, Variant<?>> properties) {
        if (properties instanceof PropertyMap compact) {
            properties(compact);
            return;
        }
        int propertiesAt = beginArray(8);
        for (Map.Entry<String, Variant<?>> property : properties.entrySet()) {
            align(8);
            string(property.getKey());
            signature(property.getValue().getSig());
            value(property.getValue().getSig(), property.getValue().getValue());
        }
        endArray(propertiesAt, 8);
    }

    /** a{sv} read straight from the arrays, without a variant per property. */
    private void properties(PropertyMap properties) {
        int propertiesAt = beginArray(8);
        for (int i = 0; i < properties.count(); i++) {
            align(8);
            string(properties.name(i));
            signature(properties.signature(i));
            value(properties.signature(i), properties.value(i));
        }
        endArray(propertiesAt, 8);
    }

    /** The value types the API's properties use. */
    private void value(String signature, Object value) {
        switch (signature) {
            case "s", "o" -> string(value.toString());
            case "t" -> int64(((UInt64) value).longValue());
            case "u" -> uint32(((UInt32) value).longValue());
            case "i" -> uint32(((Integer) value) & 0xffffffffL);
            case "b" -> uint32(((Boolean) value) ? 1 : 0);
            case "ay" -> {
                byte[] bytes = (byte[]) value;
                uint32(bytes.length);
                bytes(bytes);
            }
            case "ao", "as" -> {
                int at = beginArray(4);
                for (Object element : (List<?>) value) {
                    string(element.toString());
                }
                endArray(at, 4);
            }
            case BlacklistEntry.LIST_SIGNATURE -> {
                int at = beginArray(8);
                for (Object element : (List<?>) value) {
                    align(8);
                    for (Object field : ((BlacklistEntry) element).getParameters()) {
                        string(field.toString());
                    }
                }
                endArray(at, 8);
            }
            case Hbtl.SIGNATURE -> {
                Hbtl hbtl = (Hbtl) value;
                align(8);
                uint32(hbtl.host & 0xffffffffL);
                uint32(hbtl.bus & 0xffffffffL);
                uint32(hbtl.target & 0xffffffffL);
                int64(hbtl.lun);
            }
            default -> throw new IllegalArgumentException("no wire encoding for property type " + signature);
        }
    }

    private void putInt(int at, int value) {
        buffer[at] = (byte) value;
        buffer[at + 1] = (byte) (value >>> 8);
        buffer[at + 2] = (byte) (value >>> 16);
        buffer[at + 3] = (byte) (value >>> 24);
    }

    private void ensure(int more) {
        if (size + more > buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
        }
    }
}
