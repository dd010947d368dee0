package org.mpathbus.shell.internal;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.mpathbus.api.control.MultipathControl;

/** The MultipathControl services there are, by the source.name each acts on. Thread-safe. */
final class ControlRegistry {

    private final Map<MultipathControl, String> sources = new ConcurrentHashMap<>();

    void add(MultipathControl control, Map<String, ?> properties) {
        Object source = properties.get(MultipathControl.SOURCE_NAME);
        sources.put(control, source == null ? "" : source.toString());
    }

    void remove(MultipathControl control) {
        sources.remove(control);
    }

    /** The control acting on {@code source}, if one is registered. */
    Optional<MultipathControl> of(String source) {
        return sources.entrySet().stream().filter(entry -> entry.getValue().equals(source)).map(Map.Entry::getKey)
                .findFirst();
    }
}
