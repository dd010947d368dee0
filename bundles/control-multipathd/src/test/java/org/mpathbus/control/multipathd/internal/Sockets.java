package org.mpathbus.control.multipathd.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Socket paths short whatever the checkout's place (sun_path holds 107 bytes): a folder of the test's own. */
final class Sockets {

    private Sockets() {
    }

    static Path directory(String name) throws IOException {
        Path dir = Files.createTempDirectory("mpd-" + name);
        // empty once the test's server has removed its socket
        dir.toFile().deleteOnExit();
        return dir;
    }
}
