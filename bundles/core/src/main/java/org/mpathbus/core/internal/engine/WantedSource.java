package org.mpathbus.core.internal.engine;

import java.nio.file.Files;
import java.nio.file.Path;

/** Decides which source.name the engine uses. */
final class WantedSource {

    static final String DEVMAPPER = "devmapper";
    static final String SIMULATOR = "simulator";
    static final String AUTO = "auto";

    private WantedSource() {
    }

    /**
     * The configured name, else the framework property, else the simulator. "auto" takes device-mapper
     * when its control node can be opened for writing (it exists and we are root), else the simulator.
     *
     * @param frameworkProperty mpathbus.source as bin/mpathbusd sets it; may be null
     */
    static String resolve(String configured, String frameworkProperty, Path dmControl) {
        String name = configured.strip();
        if (name.isEmpty() && frameworkProperty != null) {
            name = frameworkProperty.strip();
        }
        if (name.isEmpty()) {
            return SIMULATOR;
        }
        if (name.equals(AUTO)) {
            return Files.isWritable(dmControl) ? DEVMAPPER : SIMULATOR;
        }
        return name;
    }
}
