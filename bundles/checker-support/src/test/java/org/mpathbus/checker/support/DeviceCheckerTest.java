package org.mpathbus.checker.support;

import static org.junit.Assert.assertEquals;

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

    private final FakeOpener opener = new FakeOpener();
    private final CallingChecker checker = new CallingChecker(opener);

    /** Up when the device call succeeds; its result "down" asks whether the device is gone. */
    private static final class CallingChecker extends DeviceChecker<FakeOpener.Device> {
        CheckerState answer = CheckerState.UP;

        CallingChecker(FakeOpener opener) {
            super(opener);
        }

        @Override
        protected CheckResult checkDevice(Path path, DeviceHandles.Lease<? extends FakeOpener.Device> lease,
                Duration timeout) throws ErrnoException {
            FakeOpener.Device device = lease.device();
            device.calls++;
            if (device.callErrno != 0) {
                throw new ErrnoException("call on", "/dev/sdb", device.callErrno, "errno text " + device.callErrno);
            }
            CheckResult result = CheckResult.of(answer, "answered " + answer);
            return answer == CheckerState.DOWN ? unlessGone(path, lease, result) : result;
        }

        void deactivate() {
            closeDevices();
        }
    }

    @Test
    public void checksReuseTheDeviceUntilReleased() {
        assertEquals(CheckerState.UP, checker.check(SDB, TIMEOUT).state());
        assertEquals(CheckerState.UP, checker.check(SDB, TIMEOUT).state());
        assertEquals(1, opener.opened.size());
        assertEquals(2, opener.opened.get(0).calls);
        checker.release(SDB);
        assertEquals(opener.opened, opener.closed);
        assertEquals(0, checker.openDevices());
    }

    @Test
    public void closeDevicesClosesEveryDevice() {
        checker.check(SDB, TIMEOUT);
        checker.check(Path.builder("sdc", new DeviceNumber(8, 32)).build(), TIMEOUT);
        checker.deactivate();
        assertEquals(2, opener.closed.size());
        assertEquals(0, checker.openDevices());
    }

    @Test
    public void missingNodeOfAVanishedDeviceIsRemoved() {
        opener.openErrno = LibC.ENOENT;
        opener.exists = false;
        CheckResult result = checker.check(SDB, TIMEOUT);
        assertEquals(CheckerState.REMOVED, result.state());
        assertEquals("device 8:16 (sdb) no longer exists: open /dev/sdb: No such file or directory (errno 2)",
                result.message());
        assertEquals(0, checker.openDevices());
    }

    @Test
    public void offlineDiskRefusingOpenIsDown() {
        opener.openErrno = LibC.ENXIO;
        CheckResult result = checker.check(SDB, TIMEOUT);
        assertEquals(CheckerState.DOWN, result.state());
        assertEquals("open /dev/sdb: errno text 6 (errno 6)", result.message());
    }

    @Test
    public void permissionDeniedIsWild() {
        opener.openErrno = LibC.EACCES;
        CheckResult result = checker.check(SDB, TIMEOUT);
        assertEquals(CheckerState.WILD, result.state());
        assertEquals("not allowed to open the device: open /dev/sdb: errno text 13 (errno 13)", result.message());
    }

    @Test
    public void otherOpenFailureIsDownEvenWhenTheDeviceIsGone() {
        opener.openErrno = 24; // EMFILE says nothing about the device
        opener.exists = false;
        CheckResult result = checker.check(SDB, TIMEOUT);
        assertEquals(CheckerState.DOWN, result.state());
        assertEquals("cannot open the device: open /dev/sdb: errno text 24 (errno 24)", result.message());
    }

    @Test
    public void deviceGoneUnderAnOpenDescriptorIsRemovedAndForgotten() {
        opener.nextCallErrno = LibC.ENODEV;
        opener.exists = false;
        CheckResult result = checker.check(SDB, TIMEOUT);
        assertEquals(CheckerState.REMOVED, result.state());
        assertEquals("device 8:16 (sdb) no longer exists: call on /dev/sdb: errno text 19 (errno 19)",
                result.message());
        assertEquals(1, opener.closed.size());
        assertEquals(0, checker.openDevices());
    }

    @Test
    public void badDescriptorIsDownAndNeverReusedThoughTheDeviceIsThere() {
        opener.nextCallErrno = LibC.EBADF;
        assertEquals(CheckerState.DOWN, checker.check(SDB, TIMEOUT).state());
        assertEquals(1, opener.closed.size());
        opener.nextCallErrno = 0;
        assertEquals(CheckerState.UP, checker.check(SDB, TIMEOUT).state());
        assertEquals(2, opener.opened.size());
    }

    @Test
    public void otherCallFailureIsDownAndKeepsTheDevice() {
        opener.nextCallErrno = 5;
        CheckResult result = checker.check(SDB, TIMEOUT);
        assertEquals(CheckerState.DOWN, result.state());
        assertEquals("call on /dev/sdb: errno text 5 (errno 5)", result.message());
        assertEquals(1, checker.openDevices());
    }

    @Test
    public void downFromADeletedDiskIsRemovedAndForgotten() {
        checker.answer = CheckerState.DOWN;
        opener.exists = false;
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
