package org.mpathbus.checker.support;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.time.Duration;

import org.junit.Test;
import org.mpathbus.api.CheckerState;
import org.mpathbus.api.DeviceNumber;
import org.mpathbus.api.Path;
import org.mpathbus.api.spi.CheckResult;

/** The failure meanings every device checker shares, with a checker whose device call answers up or fails. */
public class DeviceCheckerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Path SDB = Path.builder("sdb", new DeviceNumber(8, 16)).build();

    private int nextCallErrno;
    private final RecordingOpener<FakeDevice> opener = new RecordingOpener<>(() -> new FakeDevice(nextCallErrno));
    private final CallingChecker checker = new CallingChecker(opener);

    /** Up when the device call succeeds; its result "down" asks whether the device is gone. */
    private static final class CallingChecker extends DeviceChecker<FakeDevice> {
        CheckerState answer = CheckerState.UP;

        CallingChecker(DeviceOpener<FakeDevice> opener) {
            super(opener);
        }

        @Override
        protected CheckResult checkDevice(Path path, DeviceHandles.Lease<? extends FakeDevice> lease,
                Duration timeout) throws ErrnoException {
            FakeDevice device = lease.device();
            device.calls++;
            if (device.callErrno != 0) {
                throw new ErrnoException("call on", "/dev/sdb", device.callErrno, "errno text " + device.callErrno);
            }
            CheckResult result = CheckResult.of(answer, "answered " + answer);
            return answer == CheckerState.DOWN ? unlessGone(path, lease, result) : result;
        }
    }

    @Test
    public void releaseClosesThePathsDeviceAndClosedDevicesRefuseFurtherChecks() {
        checker.check(SDB, TIMEOUT);
        checker.check(SDB, TIMEOUT);
        assertEquals(2, opener.opened().get(0).calls);
        checker.release(SDB);
        assertEquals(opener.opened(), opener.closed());
        checker.closeDevices();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> checker.check(SDB, TIMEOUT));
        assertEquals("checker is stopping; no new check of sdb", e.getMessage());
    }

    @Test
    public void missingNodeOfAVanishedDeviceIsRemoved() {
        opener.failOpenWith(LibC.ENOENT);
        opener.deviceGone();
        CheckResult result = checker.check(SDB, TIMEOUT);
        assertEquals(CheckerState.REMOVED, result.state());
        assertEquals("device 8:16 (sdb) no longer exists: open /dev/sdb: No such file or directory (errno 2)",
                result.message());
        assertEquals(0, checker.openDevices());
    }

    @Test
    public void offlineDiskRefusingOpenIsDown() {
        opener.failOpenWith(LibC.ENXIO);
        CheckResult result = checker.check(SDB, TIMEOUT);
        assertEquals(CheckerState.DOWN, result.state());
        assertEquals("open /dev/sdb: errno text 6 (errno 6)", result.message());
    }

    @Test
    public void permissionDeniedIsWild() {
        opener.failOpenWith(LibC.EACCES);
        CheckResult result = checker.check(SDB, TIMEOUT);
        assertEquals(CheckerState.WILD, result.state());
        assertEquals("not allowed to open the device: open /dev/sdb: errno text 13 (errno 13)", result.message());
    }

    @Test
    public void otherOpenFailureIsDownEvenWhenTheDeviceIsGone() {
        opener.failOpenWith(24); // EMFILE says nothing about the device
        opener.deviceGone();
        CheckResult result = checker.check(SDB, TIMEOUT);
        assertEquals(CheckerState.DOWN, result.state());
        assertEquals("cannot open the device: open /dev/sdb: errno text 24 (errno 24)", result.message());
    }

    @Test
    public void deviceGoneUnderAnOpenDescriptorIsRemovedAndForgotten() {
        nextCallErrno = LibC.ENODEV;
        opener.deviceGone();
        CheckResult result = checker.check(SDB, TIMEOUT);
        assertEquals(CheckerState.REMOVED, result.state());
        assertEquals("device 8:16 (sdb) no longer exists: call on /dev/sdb: errno text 19 (errno 19)",
                result.message());
        assertEquals(1, opener.closed().size());
        assertEquals(0, checker.openDevices());
    }

    @Test
    public void badDescriptorIsDownAndNeverReusedThoughTheDeviceIsThere() {
        nextCallErrno = LibC.EBADF;
        assertEquals(CheckerState.DOWN, checker.check(SDB, TIMEOUT).state());
        assertEquals(1, opener.closed().size());
        nextCallErrno = 0;
        assertEquals(CheckerState.UP, checker.check(SDB, TIMEOUT).state());
        assertEquals(2, opener.opened().size());
    }

    @Test
    public void otherCallFailureIsDownAndKeepsTheDevice() {
        nextCallErrno = 5;
        CheckResult result = checker.check(SDB, TIMEOUT);
        assertEquals(CheckerState.DOWN, result.state());
        assertEquals("call on /dev/sdb: errno text 5 (errno 5)", result.message());
        assertEquals(1, checker.openDevices());
    }

    @Test
    public void downFromADeletedDiskIsRemovedAndForgotten() {
        checker.answer = CheckerState.DOWN;
        opener.deviceGone();
        CheckResult result = checker.check(SDB, TIMEOUT);
        assertEquals(CheckerState.REMOVED, result.state());
        assertEquals("device 8:16 (sdb) no longer exists: answered DOWN", result.message());
        assertEquals(0, checker.openDevices());
    }

    @Test
    public void downFromADiskStillThereKeepsTheDevice() {
        checker.answer = CheckerState.DOWN;
        assertEquals(CheckerState.DOWN, checker.check(SDB, TIMEOUT).state());
        assertEquals(1, checker.openDevices());
    }
}
