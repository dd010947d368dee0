package org.mpathbus.core.internal.engine;

import org.mpathbus.api.spi.MultipathSource;

/** Decides which source.name the engine uses. */
final class WantedSource {

    static final String AUTO = "auto";

    private WantedSource() {
    }

    /**
     * The configured name, else the framework property, else the simulator. "auto" stays "auto": which
     * source that is, {@link SourceSelection} asks the sources themselves.
     *
     * @param frameworkProperty mpathbus.source as bin/mpathbusd sets it; may be null
     */
    static String resolve(String configured, String frameworkProperty) {
        String name = configured.strip();
        if (name.isEmpty() && frameworkProperty != null) {
            name = frameworkProperty.strip();
        }
        if (name.isEmpty()) {
            return MultipathSource.SIMULATOR;
        }
        return name;
    }
}
