package org.mpathbus.exporter.dbus.internal;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.freedesktop.dbus.types.Variant;

/**
 * One interface's properties, immutable, in documentation order: the values in one array, the names and
 * signatures in arrays that every object with the same properties shares. 17,500 objects of about 20 properties
 * each cost a few MB this way instead of a map entry and a variant per property; a variant is made only when a
 * caller of dbus-java's Get or GetAll asks for one ({@link WireWriter} reads the arrays directly).
 */
final class PropertyMap extends AbstractMap<String, Variant<?>> {

    /** The names and signatures of a kind of object's properties. */
    record Layout(String[] names, String[] signatures) {
        @Override
        public boolean equals(Object other) {
            return other instanceof Layout layout && Arrays.equals(names, layout.names)
                    && Arrays.equals(signatures, layout.signatures);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(names) + Arrays.hashCode(signatures);
        }
    }

    private static final Map<Layout, Layout> LAYOUTS = new ConcurrentHashMap<>();

    private final Layout layout;
    private final Object[] values;

    PropertyMap(List<String> names, List<String> signatures, List<Object> values) {
        Layout fresh = new Layout(names.toArray(String[]::new), signatures.toArray(String[]::new));
        this.layout = LAYOUTS.computeIfAbsent(fresh, key -> key);
        this.values = values.toArray();
    }

    int count() {
        return values.length;
    }

    String name(int index) {
        return layout.names[index];
    }

    String signature(int index) {
        return layout.signatures[index];
    }

    Object value(int index) {
        return values[index];
    }

    private int indexOf(Object name) {
        String[] names = layout.names;
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public Variant<?> get(Object name) {
        int index = indexOf(name);
        return index < 0 ? null : new Variant<>(values[index], layout.signatures[index]);
    }

    @Override
    public boolean containsKey(Object name) {
        return indexOf(name) >= 0;
    }

    @Override
    public int size() {
        return values.length;
    }

    @Override
    public Set<Entry<String, Variant<?>>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<String, Variant<?>>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < values.length;
                    }

                    @Override
                    public Entry<String, Variant<?>> next() {
                        if (next >= values.length) {
                            throw new NoSuchElementException();
                        }
                        int index = next++;
                        return new SimpleImmutableEntry<>(layout.names[index],
                                new Variant<>(values[index], layout.signatures[index]));
                    }
                };
            }

            @Override
            public int size() {
                return values.length;
            }
        };
    }
}
