package org.mpathbus.itests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The file descriptors this JVM holds, read from /proc/self/fd. The native Pax Exam container runs the
 * framework inside the test JVM, so they include every descriptor the bundles under test hold.
 */
final class OpenDescriptors {

    private static final Path PROC_SELF_FD = Paths.get("/proc/self/fd");

    private OpenDescriptors() {
    }

    /** How many descriptors are open, counting the one that lists them (the same in every count). */
    static int count() {
        return targets().size();
    }

    /** How many descriptors are open on a file under {@code directory}. */
    static int under(Path directory) {
        Path absolute = directory.toAbsolutePath().normalize();
        return (int) targets().stream().filter(target -> target.startsWith(absolute)).count();
    }

    /** What every open descriptor refers to ("socket:[...]", "pipe:[...]" and such are paths too). */
    static List<Path> targets() {
        List<Path> targets = new ArrayList<>();
        try (Stream<Path> links = Files.list(PROC_SELF_FD)) {
            for (Path link : links.toList()) {
                try {
                    targets.add(Files.readSymbolicLink(link));
                } catch (NoSuchFileException e) {
                    // closed between the listing and the read: no longer open
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + PROC_SELF_FD + " (a Linux /proc is required)", e);
        }
        return targets;
    }
}
