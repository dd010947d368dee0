package org.mpathbus.checker.directio.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Duration;

import org.junit.Test;
import org.mpathbus.api.CheckerState;
import org.mpathbus.api.DeviceNumber;
import org.mpathbus.api.Path;
import org.mpathbus.api.spi.CheckResult;
import org.mpathbus.checker.support.ErrnoException;
import org.mpathbus.checker.support.LibC;
import org.mpathbus.checker.support.RecordingOpener;

/**
 * The directio checker's use of its devices and its reading of reads and open failures, with a fake opener and
 * clock (the handling shared with other checkers is tested in checker-support: DeviceHandlesTest,
 * DeviceCheckerTest).
 */
public class DirectioCheckerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Path SDB = Path.builder("sdb", new DeviceNumber(8, 16)).build();

    private long now;
    // what the fake devices' reads do
    private long readTakesNanos;
    private int readBytes = 4096;
    private boolean readFails;
    private final RecordingOpener<FakeDevice> opener = new RecordingOpener<>(FakeDevice::new);
    private final DirectioChecker checker = new DirectioChecker(opener, () -> now);

    @Test
    public void opensOnceReusesAndClosesOnRelease() {
        checker.check(SDB, TIMEOUT);
        checker.check(SDB, TIMEOUT);
        assertEquals(1, opener.opened().size());
        assertEquals(2, opener.opened().get(0).reads);
        checker.release(SDB);
        assertEquals(opener.opened(), opener.closed());
    }

    @Test
    public void deactivateClosesEveryDevice() {
        checker.check(SDB, TIMEOUT);
        checker.check(Path.builder("sdc", new DeviceNumber(8, 32)).build(), TIMEOUT);
        checker.deactivate();
        assertEquals(2, opener.closed().size());
        assertEquals(0, checker.openDevices());
    }

    @Test
    public void readReturningAfterTheTimeoutIsDown() {
        readTakesNanos = 31_000_000_000L;
        CheckResult result = checker.check(SDB, TIMEOUT);
        assertEquals(CheckerState.DOWN, result.state());
        assertEquals("read of the first block took 31000 ms, beyond the checker timeout of 30000 ms", result.message());
    }

    @Test
    public void ioErrorIsDownAndKeepsTheDevice() {
        readFails = true;
        CheckResult result = checker.check(SDB, TIMEOUT);
        assertEquals(CheckerState.DOWN, result.state());
        assertEquals("read of the first block of /dev/sdb: Input/output error (errno 5)", result.message());
        assertEquals(1, checker.openDevices());
    }

    @Test
    public void emptyReadFromADeletedDiskIsRemoved() {
        readBytes = 0;
        opener.deviceGone();
        CheckResult result = checker.check(SDB, TIMEOUT);
        assertEquals(CheckerState.REMOVED, result.state());
        assertEquals("device 8:16 (sdb) no longer exists: short read: 0 of 4096 bytes at offset 0", result.message());
        assertEquals(0, checker.openDevices());
    }

    @Test
    public void offlineDiskRefusingOpenIsDown() {
        opener.failOpenWith(LibC.ENXIO);
        CheckResult result = checker.check(SDB, TIMEOUT);
        assertEquals(CheckerState.DOWN, result.state());
        assertTrue(result.message(), result.message().startsWith("open /dev/sdb"));
    }

    @Test
    public void fileSystemWithoutODirectIsWild() {
        opener.failOpenWith(LibC.EINVAL);
        CheckResult result = checker.check(SDB, TIMEOUT);
        assertEquals(CheckerState.WILD, result.state());
        assertTrue(result.message(), result.message().startsWith("O_DIRECT not supported: open /dev/sdb"));
    }

    private final class FakeDevice implements BlockRead {
        int reads;

        @Override
        public int blockSize() {
            return 4096;
        }

        @Override
        public int readFirstBlock() throws ErrnoException {
            reads++;
            now += readTakesNanos;
            if (readFails) {
                throw new ErrnoException("read of the first block of", "/dev/sdb", 5, "Input/output error");
            }
            return readBytes;
        }
    }
}
