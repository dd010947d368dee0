package org.mpathbus.exporter.dbus.internal;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.freedesktop.dbus.DBusPath;
import org.freedesktop.dbus.Struct;
import org.freedesktop.dbus.types.UInt16;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.UInt64;
import org.freedesktop.dbus.types.Variant;

/**
 * Converts between dbus-java's values and the plain Java of the whiteboard (see
 * {@link org.mpathbus.exporter.dbus.spi.BusInterface}): s, o and g as String, b Boolean, y Byte, n/q/i Integer,
 * u/x/t Long, d Double, dictionaries as Map, variants unwrapped, other arrays and structs as List. Every
 * conversion is led by the D-Bus signature, never by the Java type alone, so what goes on the wire is what the
 * interface declares.
 */
final class WireValues {

    private WireValues() {
    }

    /** The complete types of {@code signature} in order ("sa{sv}" gives "s", "a{sv}"). */
    static List<String> split(String signature) {
        List<String> types = new ArrayList<>();
        int at = 0;
        while (at < signature.length()) {
            int end = endOfType(signature, at);
            types.add(signature.substring(at, end));
            at = end;
        }
        return types;
    }

    private static int endOfType(String signature, int at) {
        if (at >= signature.length()) {
            throw new IllegalArgumentException("signature " + signature + " ends inside a type");
        }
        char c = signature.charAt(at);
        switch (c) {
            case 'a':
                return endOfType(signature, at + 1);
            case '(':
            case '{': {
                char close = c == '(' ? ')' : '}';
                int next = at + 1;
                while (next < signature.length() && signature.charAt(next) != close) {
                    next = endOfType(signature, next);
                }
                if (next >= signature.length()) {
                    throw new IllegalArgumentException("signature " + signature + " does not close " + c);
                }
                return next + 1;
            }
            default:
                if ("sogbynqiuxtdvh".indexOf(c) < 0) {
                    throw new IllegalArgumentException("signature " + signature + " has an unknown type code " + c);
                }
                return at + 1;
        }
    }

    /** The plain Java of a value dbus-java decoded as type {@code signature}. */
    static Object toPlain(Object value, String signature) {
        char c = signature.charAt(0);
        switch (c) {
            case 's', 'g':
                return value.toString();
            case 'o':
                return value instanceof DBusPath path ? path.getPath() : value.toString();
            case 'b':
                return (Boolean) value;
            case 'y':
                return ((Number) value).byteValue();
            case 'n', 'q', 'i':
                return ((Number) value).intValue();
            case 'u', 'x', 't':
                return ((Number) value).longValue();
            case 'd':
                return ((Number) value).doubleValue();
            case 'v': {
                Variant<?> variant = (Variant<?>) value;
                return toPlain(variant.getValue(), variant.getSig());
            }
            case '(': {
                List<String> fields = split(signature.substring(1, signature.length() - 1));
                List<Object> values = elements(value instanceof Struct struct ? struct.getParameters() : value);
                List<Object> plain = new ArrayList<>(fields.size());
                for (int i = 0; i < fields.size(); i++) {
                    plain.add(toPlain(values.get(i), fields.get(i)));
                }
                return plain;
            }
            case 'a': {
                String element = signature.substring(1);
                if (element.startsWith("{")) {
                    List<String> entry = split(element.substring(1, element.length() - 1));
                    Map<Object, Object> plain = new LinkedHashMap<>();
                    for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                        plain.put(toPlain(e.getKey(), entry.get(0)), toPlain(e.getValue(), entry.get(1)));
                    }
                    return plain;
                }
                List<Object> plain = new ArrayList<>();
                for (Object item : elements(value)) {
                    plain.add(toPlain(item, element));
                }
                return plain;
            }
            default:
                throw new IllegalArgumentException("values of type " + signature + " are not supported");
        }
    }

    /** The value dbus-java marshals as type {@code signature}, from plain Java. */
    static Object toDbus(Object value, String signature) {
        if (value == null) {
            throw new IllegalArgumentException("null is no value of D-Bus type " + signature);
        }
        char c = signature.charAt(0);
        try {
            switch (c) {
                case 's', 'g':
                    return (String) value;
                case 'o':
                    return new DBusPath((String) value);
                case 'b':
                    return (Boolean) value;
                case 'y':
                    return ((Number) value).byteValue();
                case 'n':
                    return ((Number) value).shortValue();
                case 'q':
                    return new UInt16(((Number) value).intValue());
                case 'i':
                    return ((Number) value).intValue();
                case 'u':
                    return new UInt32(((Number) value).longValue());
                case 'x':
                    return ((Number) value).longValue();
                case 't':
                    return new UInt64(((Number) value).longValue());
                case 'd':
                    return ((Number) value).doubleValue();
                case 'v': {
                    String inner = signatureOf(value);
                    return new Variant<>(toDbus(value, inner), inner);
                }
                case '(': {
                    List<String> fields = split(signature.substring(1, signature.length() - 1));
                    List<Object> values = elements(value);
                    if (values.size() != fields.size()) {
                        throw new IllegalArgumentException(values.size() + " fields for struct " + signature);
                    }
                    Object[] struct = new Object[fields.size()];
                    for (int i = 0; i < struct.length; i++) {
                        struct[i] = toDbus(values.get(i), fields.get(i));
                    }
                    return struct;
                }
                case 'a': {
                    String element = signature.substring(1);
                    if (element.startsWith("{")) {
                        List<String> entry = split(element.substring(1, element.length() - 1));
                        Map<Object, Object> map = new LinkedHashMap<>();
                        for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                            map.put(toDbus(e.getKey(), entry.get(0)), toDbus(e.getValue(), entry.get(1)));
                        }
                        return map;
                    }
                    List<Object> items = elements(value);
                    if (element.equals("y")) {
                        byte[] bytes = new byte[items.size()];
                        for (int i = 0; i < bytes.length; i++) {
                            bytes[i] = ((Number) items.get(i)).byteValue();
                        }
                        return bytes;
                    }
                    List<Object> list = new ArrayList<>(items.size());
                    for (Object item : items) {
                        list.add(toDbus(item, element));
                    }
                    return list;
                }
                default:
                    throw new IllegalArgumentException("values of type " + signature + " are not supported");
            }
        } catch (ClassCastException e) {
            throw new IllegalArgumentException(value.getClass().getSimpleName() + " " + value
                    + " is no value of D-Bus type " + signature, e);
        }
    }

    /** The D-Bus type a plain value in a variant is sent as. */
    static String signatureOf(Object value) {
        if (value instanceof String) {
            return "s";
        } else if (value instanceof Boolean) {
            return "b";
        } else if (value instanceof Byte) {
            return "y";
        } else if (value instanceof Short || value instanceof Integer) {
            return "i";
        } else if (value instanceof Long) {
            return "x";
        } else if (value instanceof Float || value instanceof Double) {
            return "d";
        } else if (value instanceof Map<?, ?> map) {
            if (map.keySet().stream().allMatch(String.class::isInstance)) {
                return "a{sv}";
            }
        } else if (value instanceof Collection<?> list) {
            return !list.isEmpty() && list.stream().allMatch(String.class::isInstance) ? "as" : "av";
        }
        throw new IllegalArgumentException(value.getClass().getSimpleName() + " " + value
                + " has no D-Bus type to send in a variant");
    }

    private static List<Object> elements(Object value) {
        if (value instanceof List<?> list) {
            return new ArrayList<>(list);
        }
        if (value instanceof Collection<?> collection) {
            return new ArrayList<>(collection);
        }
        if (value != null && value.getClass().isArray()) {
            int length = Array.getLength(value);
            List<Object> list = new ArrayList<>(length);
            for (int i = 0; i < length; i++) {
                list.add(Array.get(value, i));
            }
            return list;
        }
        throw new IllegalArgumentException((value == null ? "null" : value.getClass().getSimpleName())
                + " is not an array or struct");
    }
}
