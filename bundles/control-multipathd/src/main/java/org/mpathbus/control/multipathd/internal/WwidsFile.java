package org.mpathbus.control.multipathd.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

import org.mpathbus.api.control.Outcome;

/**
 * The wwids file, changed as multipath-tools 0.9.4 changes it (libmultipath/wwids.c and file.c):
 * <ul>
 * <li>the directory made with mode 0700 and the file with 0600 when missing, the header written when the
 * file is empty;</li>
 * <li>a write lock over the whole file held while reading and writing, so multipath, multipathd and we
 * never interleave ({@link WwidsLock});</li>
 * <li>{@code multipath -a}: "/WWID/\n" appended unless a line already starts with it;</li>
 * <li>{@code multipath -w}: the entry's leading '/' overwritten in place with '#', making the line a
 * comment; the file is never rewritten (as the real multipath -w did in the lab).</li>
 * </ul>
 * Waiting for the lock is bounded by the caller's deadline (multipath waits 30 s under alarm()).
 */
final class WwidsFile {

    /** WWIDS_FILE_HEADER of libmultipath/wwids.h. */
    static final String HEADER = "# Multipath wwids, Version : 1.0\n"
            + "# NOTE: This file is automatically maintained by multipath and multipathd.\n"
            + "# You should not need to edit this file in normal circumstances.\n"
            + "#\n"
            + "# Valid WWIDs:\n";
    /** libmultipath's WWID_SIZE, its NUL included. */
    static final int WWID_SIZE = 128;

    private final Path file;

    WwidsFile(Path file) {
        this.file = file;
    }

    Path path() {
        return file;
    }

    /** As {@code multipath -a}. */
    Outcome add(String wwid, Deadline deadline) {
        return change(wwid, deadline, true);
    }

    /** As {@code multipath -w}. */
    Outcome forget(String wwid, Deadline deadline) {
        return change(wwid, deadline, false);
    }

    private Outcome change(String wwid, Deadline deadline, boolean add) {
        String invalid = invalidWwid(wwid);
        if (invalid != null) {
            return new Outcome(Outcome.Kind.REFUSED, invalid);
        }
        try {
            TrustedLocation.check(file);
            if (!add && !Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                return new Outcome(Outcome.Kind.NOT_FOUND, "wwid '" + wwid + "' is not in " + file + " (no such file)");
            }
            makeDirectories();
            try (FileChannel channel = FileChannel.open(file, Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE,
                    StandardOpenOption.CREATE, LinkOption.NOFOLLOW_LINKS),
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    WwidsLock.Held lock = WwidsLock.acquire(file, deadline)) {
                if (lock == null) {
                    return new Outcome(Outcome.Kind.TIMEOUT, file + " stayed locked (by another process, or another call of ours) for "
                            + deadline.total().toMillis() + " ms");
                }
                if (channel.size() == 0) {
                    write(channel, 0, HEADER);
                }
                return add ? append(channel, wwid) : strikeOut(channel, wwid);
            }
        } catch (TrustedLocation.Untrusted e) {
            return new Outcome(Outcome.Kind.REFUSED, "refusing the wwids file: " + e.getMessage());
        } catch (IOException e) {
            return new Outcome(Outcome.Kind.REFUSED, "cannot change " + file + ": " + e);
        }
    }

    private Outcome append(FileChannel channel, String wwid) throws IOException {
        String text = read(channel);
        if (lineStart(text, wwid) >= 0) {
            return new Outcome(Outcome.Kind.OK, "wwid '" + wwid + "' already in " + file);
        }
        // a hand-edited file without its last newline would otherwise run two entries together
        String entry = (text.isEmpty() || text.endsWith("\n") ? "" : "\n") + "/" + wwid + "/\n";
        write(channel, channel.size(), entry);
        return new Outcome(Outcome.Kind.OK, "wwid '" + wwid + "' added");
    }

    private Outcome strikeOut(FileChannel channel, String wwid) throws IOException {
        String text = read(channel);
        int at = lineStart(text, wwid);
        if (at < 0) {
            return new Outcome(Outcome.Kind.NOT_FOUND, "wwid '" + wwid + "' is not in " + file);
        }
        while (at >= 0) {
            // multipath -w turns the entry's leading '/' into '#', so the line becomes a comment in place
            write(channel, at, "#");
            text = text.substring(0, at) + "#" + text.substring(at + 1);
            at = lineStart(text, wwid);
        }
        return new Outcome(Outcome.Kind.OK, "wwid '" + wwid + "' removed");
    }

    /** Where a line "/WWID/" followed by a newline starts, as lookup_wwid reads it; -1 when none does. */
    static int lineStart(String text, String wwid) {
        String entry = "/" + wwid + "/\n";
        int at = text.startsWith(entry) ? 0 : text.indexOf("\n" + entry);
        return at <= 0 ? at : at + 1;
    }

    /** Why {@code wwid} cannot be an entry, null when it can. */
    static String invalidWwid(String wwid) {
        if (wwid == null || wwid.isEmpty()) {
            return "no WWID given";
        }
        if (wwid.getBytes(StandardCharsets.UTF_8).length >= WWID_SIZE) {
            return "'" + wwid + "' is longer than a WWID (" + (WWID_SIZE - 1) + " bytes)";
        }
        for (int i = 0; i < wwid.length(); i++) {
            char c = wwid.charAt(i);
            if (c == '/' || c <= ' ' || c >= 0x7f) {
                return "'" + wwid + "' is not a WWID: it has '" + (c <= ' ' ? "\\u" + Integer.toHexString(c) : c)
                        + "' at " + i;
            }
        }
        return null;
    }

    private void makeDirectories() throws IOException {
        Path dir = file.getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
    }

    private static String read(FileChannel channel) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate((int) channel.size());
        while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) >= 0) {
            // read to the end
        }
        return new String(buffer.array(), 0, buffer.position(), StandardCharsets.ISO_8859_1);
    }

    private static void write(FileChannel channel, long position, String text) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
        long at = position;
        while (buffer.hasRemaining()) {
            at += channel.write(buffer, at);
        }
        channel.force(false);
    }
}
