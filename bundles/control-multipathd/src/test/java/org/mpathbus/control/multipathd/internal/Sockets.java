package org.mpathbus.control.multipathd.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Short socket paths under target/ (sun_path holds 107 bytes; a temp folder in /tmp is others-writable). */
final class Sockets {

    private Sockets() {
    }

    static Path directory(String name) throws IOException {
        Path dir = Path.of("target", "sock", name).toAbsolutePath();
        Files.createDirectories(dir);
        return dir;
    }
}
