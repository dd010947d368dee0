package org.mpathbus.config.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The drop-in on disk: read with a size limit, written atomically (a temporary file in the same directory,
 * fsync, rename over the drop-in, fsync of the directory), so that a crash leaves the old file or the new one.
 * The temporary file's name does not end in ".conf": neither multipath-tools nor this bundle's loader reads it.
 * Refuses a place that someone other than root (or the daemon's own user) could change, as bin/mpathbusd and
 * the WWIDs file's writer refuse such places; the rule is the same, not the code, since the two bundles share
 * no internal package.
 */
class DropInFile {

    static final int MAX_BYTES = 64 * 1024;
    private static final Set<PosixFilePermission> OTHERS_WRITE = Set.of(PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.OTHERS_WRITE);

    private final Path file;

    DropInFile(Path file) {
        this.file = file.toAbsolutePath();
    }

    Path path() {
        return file;
    }

    /** The file's text, or null when there is none. */
    String read() throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            if (channel.size() > MAX_BYTES) {
                throw new IOException(file + " is " + channel.size() + " bytes; mpathbus writes at most " + MAX_BYTES);
            }
            ByteBuffer buffer = ByteBuffer.allocate((int) channel.size());
            while (buffer.hasRemaining() && channel.read(buffer) >= 0) {
                // read it all
            }
            return new String(buffer.array(), 0, buffer.position(), StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** Creates config_dir (0755) when it is missing, after checking who could change the place. */
    void prepareDirectory() throws IOException {
        checkTrusted();
        Files.createDirectories(file.getParent(), PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        checkTrusted();
    }

    /** Replaces the file with {@code text}, or removes it when {@code text} is null. */
    void write(String text) throws IOException {
        checkTrusted();
        Path dir = file.getParent();
        if (text == null) {
            Files.deleteIfExists(file);
            syncDirectory(dir);
            return;
        }
        Path temp = Files.createTempFile(dir, "." + file.getFileName() + ".", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-r--r--")));
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                writeAll(channel, ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1)));
                channel.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
        syncDirectory(dir);
    }

    /** Writes every byte; a test's file system fills up here. */
    void writeAll(FileChannel channel, ByteBuffer bytes) throws IOException {
        while (bytes.hasRemaining()) {
            channel.write(bytes);
        }
    }

    private static void syncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    /** The file (not a link) and every existing directory above it: owned by root or us, writable by nobody else. */
    void checkTrusted() throws IOException {
        String self = System.getProperty("user.name");
        Path existing = file.getParent();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        for (Path dir = existing == null ? null : existing.toRealPath(); dir != null; dir = dir.getParent()) {
            checkOne(dir, self, true);
        }
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.isSymbolicLink(file) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                throw new IOException(file + " is not a regular file; refusing to write through it");
            }
            checkOne(file, self, false);
        }
    }

    private static void checkOne(Path place, String self, boolean directory) throws IOException {
        PosixFileAttributes attributes = Files.readAttributes(place, PosixFileAttributes.class,
                LinkOption.NOFOLLOW_LINKS);
        String owner = attributes.owner().getName();
        if (!owner.equals("root") && !owner.equals(self)) {
            throw new IOException(place + " is owned by " + owner + ", not root: refusing to write there");
        }
        boolean sticky = directory && owner.equals("root") && isSticky(place);
        if (!sticky && attributes.permissions().stream().anyMatch(OTHERS_WRITE::contains)) {
            throw new IOException(place + " is writable by others than its owner ("
                    + PosixFilePermissions.toString(attributes.permissions()) + "): refusing to write there");
        }
    }

    private static boolean isSticky(Path dir) throws IOException {
        return (((Integer) Files.getAttribute(dir, "unix:mode", LinkOption.NOFOLLOW_LINKS)) & 01000) != 0;
    }
}
