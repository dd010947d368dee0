package org.mpathbus.api;

import java.util.Locale;

/** Enums whose lower-case label is the word multipath-tools prints ("active", "ghost", ...). */
public interface Labeled {

    String name();

    default String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static <E extends Enum<E> & Labeled> E fromLabel(Class<E> type, String label, E unknown) {
        for (E value : type.getEnumConstants()) {
            if (value.label().equals(label)) {
                return value;
            }
        }
        return unknown;
    }
}
