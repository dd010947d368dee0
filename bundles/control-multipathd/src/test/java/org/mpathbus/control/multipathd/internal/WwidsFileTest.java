package org.mpathbus.control.multipathd.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.mpathbus.api.control.Outcome;

/** The wwids file as multipath -a / -w leave it, its lock, and the places it refuses. */
public class WwidsFileTest {

    private static final Duration T = Duration.ofSeconds(5);
    private static final String A = "36001405aaaaaaaaaaaaaaaaaaaaaaaaa";
    private static final String B = "1Linux_scsi_debug_2000";
    private Path dir;

    /** A folder of the test's own, mode 0700 whatever the umask, outside the checkout (whose folders may be g+w). */
    @Before
    public void freshDirectory() throws IOException {
        dir = Files.createTempDirectory("wwids-test");
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }

    @After
    public void removeDirectory() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }

    /** A wwids file as multipath leaves it: mode 0600, whatever the umask. */
    private static Path wwidsFile(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    @Test
    public void aMissingFileIsMadeWithTheHeaderAndModes() throws IOException {
        Path file = dir.resolve("multipath/wwids");
        WwidsFile wwids = new WwidsFile(file);
        assertEquals(new Outcome(Outcome.Kind.OK, "wwid '" + A + "' added"), wwids.add(A, Deadline.after(T)));
        assertEquals(WwidsFile.HEADER + "/" + A + "/\n", Files.readString(file));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
    }

    @Test
    public void addingTwiceWritesOnceAndForgettingStrikesTheLineOut() throws IOException {
        Path file = dir.resolve("wwids");
        WwidsFile wwids = new WwidsFile(file);
        wwids.add(A, Deadline.after(T));
        wwids.add(B, Deadline.after(T));
        assertEquals(Outcome.Kind.OK, wwids.add(A, Deadline.after(T)).kind());
        assertEquals(WwidsFile.HEADER + "/" + A + "/\n/" + B + "/\n", Files.readString(file));
        assertEquals(new Outcome(Outcome.Kind.OK, "wwid '" + A + "' removed"), wwids.forget(A, Deadline.after(T)));
        // multipath -w turns the entry's leading '/' into '#' in place
        assertEquals(WwidsFile.HEADER + "#" + A + "/\n/" + B + "/\n", Files.readString(file));
        assertEquals(Outcome.Kind.NOT_FOUND, wwids.forget(A, Deadline.after(T)).kind());
        assertEquals(Outcome.Kind.OK, wwids.add(A, Deadline.after(T)).kind());
        assertTrue(Files.readString(file).endsWith("/" + B + "/\n/" + A + "/\n"));
    }

    @Test
    public void onlyAWholeEntryAtALineStartCounts() throws IOException {
        Path file = dir.resolve("wwids");
        wwidsFile(file, WwidsFile.HEADER + "# /" + A + "/\n/x" + A + "/\n/" + A + "x/\n/" + B + "/");
        WwidsFile wwids = new WwidsFile(file);
        assertEquals(Outcome.Kind.NOT_FOUND, wwids.forget(A, Deadline.after(T)).kind());
        wwids.add(A, Deadline.after(T));
        // the last entry lacked its newline: it gets one rather than running into ours
        assertTrue(Files.readString(file).endsWith("/" + B + "/\n/" + A + "/\n"));
    }

    @Test
    public void anotherProcesssLockIsWaitedForWithinTheDeadline() throws Exception {
        Path file = wwidsFile(dir.resolve("wwids"), WwidsFile.HEADER);
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), LockHolder.class.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertEquals("locked", out.readLine());
            WwidsFile wwids = new WwidsFile(file);
            long start = System.nanoTime();
            Outcome outcome = wwids.add(A, Deadline.after(Duration.ofMillis(300)));
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(outcome.message(), Outcome.Kind.TIMEOUT, outcome.kind());
            assertTrue("took " + millis + " ms", millis >= 300 && millis < 800);
            assertEquals(WwidsFile.HEADER, Files.readString(file));
            holder.getOutputStream().close();
            holder.waitFor();
            assertEquals(Outcome.Kind.OK, wwids.add(A, Deadline.after(T)).kind());
        } finally {
            holder.destroy();
        }
    }

    /**
     * A classic fcntl lock is the process's, and any close of the file by the process drops it: here a second
     * call that gives up and the config bundle's read. The lock must still keep another process out.
     */
    @Test
    public void theLockHoldsAgainstAnotherProcessWhileASecondCallComesAndGoes() throws Exception {
        Path file = wwidsFile(dir.resolve("wwids"), WwidsFile.HEADER);
        try (WwidsLock.Held held = WwidsLock.acquire(file, Deadline.after(T))) {
            assertEquals("another process while we hold the lock", "locked", probe(file));
            Outcome second = new WwidsFile(file).add(A, Deadline.after(Duration.ofMillis(200)));
            assertEquals(second.message(), Outcome.Kind.TIMEOUT, second.kind());
            assertEquals(WwidsFile.HEADER, Files.readString(file));
            assertEquals("another process after a second call came and went, and a read", "locked", probe(file));
        }
        assertEquals("another process once we let go", "free", probe(file));
        assertEquals(Outcome.Kind.OK, new WwidsFile(file).add(A, Deadline.after(T)).kind());
    }

    private static String probe(Path file) throws IOException, InterruptedException {
        Process probe = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), LockProbe.class.getName(), file.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String answer = new String(probe.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertEquals("the probe's exit", 0, probe.waitFor());
        return answer;
    }

    @Test
    public void aFileOthersCanWriteIsRefusedSayingWhy() throws IOException {
        Path open = Files.createDirectory(dir.resolve("open"));
        Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
        Outcome outcome = new WwidsFile(open.resolve("wwids")).add(A, Deadline.after(T));
        assertEquals(Outcome.Kind.REFUSED, outcome.kind());
        assertTrue(outcome.message(), outcome.message().contains(open + " (directory) is writable by users other than its owner"));

        Path writable = wwidsFile(dir.resolve("wwids"), WwidsFile.HEADER);
        Files.setPosixFilePermissions(writable, PosixFilePermissions.fromString("rw-rw-rw-"));
        assertTrue(new WwidsFile(writable).add(A, Deadline.after(T)).message().contains("(file) is writable by users"));

        Path link = dir.resolve("link");
        Files.createSymbolicLink(link, dir.resolve("elsewhere"));
        outcome = new WwidsFile(link).add(A, Deadline.after(T));
        assertEquals(Outcome.Kind.REFUSED, outcome.kind());
        assertTrue(outcome.message(), outcome.message().contains("is a symbolic link"));
        assertTrue(Files.notExists(dir.resolve("elsewhere")));
    }

    @Test
    public void whatIsNoWwidIsRefused() {
        WwidsFile wwids = new WwidsFile(dir.resolve("wwids"));
        for (String bad : new String[] {"", "a/b", "a b", "a\nb", "x".repeat(128)}) {
            assertEquals(bad, Outcome.Kind.REFUSED, wwids.add(bad, Deadline.after(T)).kind());
        }
        assertTrue(Files.notExists(dir.resolve("wwids")));
    }
}
