package org.mpathbus.checker.tur.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
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
 * The checker's use of its devices and its reading of SG_IO failures, with a fake opener (the handling shared
 * with other checkers is tested in checker-support: DeviceHandlesTest, DeviceCheckerTest).
 */
public class TurCheckerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Path SDB = Path.builder("sdb", new DeviceNumber(8, 16)).build();

    /** What the next open hands out; a device answering "ready" when null. */
    private FakeDevice nextDevice;
    private final RecordingOpener<FakeDevice> opener = new RecordingOpener<>(this::takeNextDevice);
    private final TurChecker checker = new TurChecker(opener, System::nanoTime);

    @Test
    public void opensTheDeviceOnceAndReusesIt() {
        for (int i = 0; i < 3; i++) {
            assertEquals(CheckerState.UP, checker.check(SDB, TIMEOUT).state());
        }
        assertEquals(1, opener.opened().size());
        assertEquals(3, opener.opened().get(0).sends);
        assertTrue(opener.closed().isEmpty());
    }

    @Test
    public void deactivateClosesEveryDevice() {
        for (int i = 0; i < 4; i++) {
            checker.check(Path.builder("sd" + (char) ('b' + i), new DeviceNumber(8, 16 * (i + 1))).build(), TIMEOUT);
        }
        checker.deactivate();
        assertEquals(4, opener.closed().size());
        assertEquals(0, checker.openDevices());
    }

    @Test
    public void sgIoNotSupportedIsWild() {
        nextDevice = new FakeDevice(ScsiDevice.ENOTTY);
        CheckResult result = checker.check(SDB, TIMEOUT);
        assertEquals(CheckerState.WILD, result.state());
        assertEquals("SG_IO not supported, not a SCSI device: SG_IO on /dev/sdb: errno text 25 (errno 25)",
                result.message());
    }

    @Test
    public void sgIoRefusedWithEinvalIsWildAndKeepsTheDevice() {
        nextDevice = new FakeDevice(LibC.EINVAL);
        assertEquals(CheckerState.WILD, checker.check(SDB, TIMEOUT).state());
        assertEquals(1, checker.openDevices());
    }

    @Test
    public void deviceGoneUnderAnOpenDescriptorIsRemovedAndForgotten() {
        nextDevice = new FakeDevice(LibC.ENODEV);
        opener.deviceGone();
        assertEquals(CheckerState.REMOVED, checker.check(SDB, TIMEOUT).state());
        assertEquals(1, opener.closed().size());
        assertEquals(0, checker.openDevices());
    }

    @Test
    public void noConnectFromADeletedDiskIsRemoved() {
        nextDevice = new FakeDevice(Answers.hostError(ScsiText.DID_NO_CONNECT));
        opener.deviceGone();
        CheckResult result = checker.check(SDB, TIMEOUT);
        assertEquals(CheckerState.REMOVED, result.state());
        assertEquals("device 8:16 (sdb) no longer exists: host adapter: could not connect (DID_NO_CONNECT)",
                result.message());
        assertEquals(0, checker.openDevices());
    }

    @Test
    public void noConnectFromAnOfflineDiskIsDownAndKeepsTheDevice() {
        nextDevice = new FakeDevice(Answers.hostError(ScsiText.DID_NO_CONNECT));
        assertEquals(CheckerState.DOWN, checker.check(SDB, TIMEOUT).state());
        assertEquals(1, checker.openDevices());
    }

    @Test
    public void otherIoctlFailureIsDownAndKeepsTheDevice() {
        nextDevice = new FakeDevice(5);
        CheckResult result = checker.check(SDB, TIMEOUT);
        assertEquals(CheckerState.DOWN, result.state());
        assertFalse(result.message().isEmpty());
        assertEquals(1, checker.openDevices());
    }

    private FakeDevice takeNextDevice() {
        FakeDevice device = nextDevice != null ? nextDevice : new FakeDevice();
        nextDevice = null;
        return device;
    }

    private static class FakeDevice implements TurCommand {
        final int errno;
        final SgIoResult answer;
        int sends;

        FakeDevice() {
            this(Answers.good());
        }

        FakeDevice(SgIoResult answer) {
            this.errno = 0;
            this.answer = answer;
        }

        FakeDevice(int errno) {
            this.errno = errno;
            this.answer = null;
        }

        @Override
        public SgIoResult send(int timeoutMillis) throws ErrnoException {
            sends++;
            if (errno != 0) {
                throw new ErrnoException("SG_IO on", "/dev/sdb", errno, "errno text " + errno);
            }
            return answer;
        }
    }
}
