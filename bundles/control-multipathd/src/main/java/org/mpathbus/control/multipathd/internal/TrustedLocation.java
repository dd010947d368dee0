package org.mpathbus.control.multipathd.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Refuses a file that someone other than root could have put or changed, as bin/mpathbusd refuses such
 * places for code and configuration: the file and every directory above it must be owned by root (or by
 * the user the daemon runs as) and writable by nobody else, and the file must not be a symbolic link. A
 * directory of root's with the sticky bit (as /tmp) may be writable by others: nobody else can replace what
 * is in it, and what is in it is checked in turn.
 */
final class TrustedLocation {

    private static final Set<PosixFilePermission> OTHERS_WRITE = Set.of(PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_WRITE);
    private static final int STICKY = 01000;

    private TrustedLocation() {
    }

    /** Throws {@link Untrusted} naming the first place that fails, with why; a missing file or directory is fine. */
    static void check(Path file) throws IOException {
        if (!file.isAbsolute()) {
            throw new Untrusted(file + " is not an absolute path");
        }
        String self = System.getProperty("user.name");
        Path existing = file.getParent();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing != null) {
            // the directories as they really are: a link in the path is fine if root owns where it leads
            for (Path dir = existing.toRealPath(); dir != null; dir = dir.getParent()) {
                checkOne(dir, "directory", self);
            }
        }
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            PosixFileAttributes attributes = Files.readAttributes(file, PosixFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            if (attributes.isSymbolicLink()) {
                throw new Untrusted(file + " is a symbolic link; refusing to follow it");
            }
            if (!attributes.isRegularFile()) {
                throw new Untrusted(file + " is not a regular file");
            }
            checkOne(file, "file", self);
        }
    }

    private static void checkOne(Path place, String what, String self) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(place, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        String owner = attributes.owner().getName();
        if (!owner.equals("root") && !owner.equals(self)) {
            throw new Untrusted(place + " (" + what + ") is owned by " + owner + ", not root");
        }
        if (attributes.permissions().stream().anyMatch(OTHERS_WRITE::contains) && !isRootsStickyDirectory(place, attributes)) {
            throw new Untrusted(place + " (" + what + ") is writable by users other than its owner");
        }
    }

    /** Like /tmp: others may add entries, but only an entry's owner (or root) may rename or remove it. */
    private static boolean isRootsStickyDirectory(Path place, PosixFileAttributes attributes) throws IOException {
        return attributes.isDirectory() && attributes.owner().getName().equals("root")
                && ((Integer) Files.getAttribute(place, "unix:mode", LinkOption.NOFOLLOW_LINKS) & STICKY) != 0;
    }

    /** A place others could write. */
    static final class Untrusted extends IOException {
        private static final long serialVersionUID = 1L;

        Untrusted(String message) {
            super(message);
        }
    }
}
