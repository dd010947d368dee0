package org.mpathbus.checker.tur.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.Test;
import org.mpathbus.api.CheckerState;
import org.mpathbus.api.DeviceNumber;
import org.mpathbus.api.Path;
import org.mpathbus.api.spi.CheckResult;

/** The checker's handling of devices (open once, reuse, close) and of system call failures, with a fake opener. */
public class TurCheckerTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Path SDB = Path.builder("sdb", new DeviceNumber(8, 16)).build();

    private final FakeOpener opener = new FakeOpener();
    private final TurChecker checker = new TurChecker(opener, System::nanoTime);

    @Test
    public void opensTheDeviceOnceAndReusesIt() {
        for (int i = 0; i < 3; i++) {
            assertEquals(CheckerState.UP, checker.check(SDB, TIMEOUT).state());
        }
        assertEquals(1, opener.opened.size());
        assertEquals(3, opener.opened.get(0).sends);
        assertTrue(opener.closed.isEmpty());
    }

    @Test
    public void reopensWhenTheNameNowDenotesAnotherDevice() {
        checker.check(SDB, TIMEOUT);
        checker.check(SDB.toBuilder().deviceNumber(new DeviceNumber(8, 64)).build(), TIMEOUT);
        assertEquals(2, opener.opened.size());
        assertEquals(List.of(opener.opened.get(0)), opener.closed);
        assertEquals(1, checker.openDevices());
    }

    @Test
    public void releaseClosesTheDeviceAndTheNextCheckOpensItAgain() {
        checker.check(SDB, TIMEOUT);
        checker.release(SDB);
        assertEquals(1, opener.closed.size());
        assertEquals(0, checker.openDevices());
        checker.check(SDB, TIMEOUT);
        assertEquals(2, opener.opened.size());
    }

    @Test
    public void deactivateClosesEveryDevice() {
        for (int i = 0; i < 4; i++) {
            checker.check(Path.builder("sd" + (char) ('b' + i), new DeviceNumber(8, 16 * (i + 1))).build(), TIMEOUT);
        }
        checker.deactivate();
        assertEquals(4, opener.closed.size());
        assertEquals(0, checker.openDevices());
    }

    @Test
    public void releaseDuringARunningCheckClosesWhenTheCheckEnds() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        opener.nextDevice = new FakeDevice() {
            @Override
            public SgIoResult send(int timeoutMillis) throws ErrnoException {
                entered.countDown();
                await(proceed);
                return super.send(timeoutMillis);
            }
        };
        CompletableFuture<CheckResult> running = CompletableFuture.supplyAsync(() -> checker.check(SDB, TIMEOUT));
        await(entered);
        checker.release(SDB);
        assertTrue("closed under a running check", opener.closed.isEmpty());
        proceed.countDown();
        assertEquals(CheckerState.UP, running.get(10, TimeUnit.SECONDS).state());
        assertEquals(1, opener.closed.size());
    }

    @Test
    public void releaseWhileOpeningClosesTheDeviceAfterTheCheck() throws Exception {
        CountDownLatch opening = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        opener.beforeOpen = () -> {
            opening.countDown();
            await(proceed);
        };
        CompletableFuture<CheckResult> running = CompletableFuture.supplyAsync(() -> checker.check(SDB, TIMEOUT));
        await(opening);
        checker.release(SDB);
        proceed.countDown();
        running.get(10, TimeUnit.SECONDS);
        assertEquals(1, opener.closed.size());
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
        assertEquals("open /dev/sdb: No such device or address (errno 6)", result.message());
    }

    @Test
    public void permissionDeniedIsWild() {
        opener.openErrno = LibC.EACCES;
        assertEquals(CheckerState.WILD, checker.check(SDB, TIMEOUT).state());
    }

    @Test
    public void sgIoNotSupportedIsWild() {
        opener.nextDevice = new FakeDevice(LibC.ENOTTY);
        CheckResult result = checker.check(SDB, TIMEOUT);
        assertEquals(CheckerState.WILD, result.state());
        assertEquals("SG_IO not supported, not a SCSI device: SG_IO on /dev/sdb: errno text 25 (errno 25)",
                result.message());
    }

    @Test
    public void deviceGoneUnderAnOpenDescriptorIsRemovedAndForgotten() {
        opener.nextDevice = new FakeDevice(LibC.ENODEV);
        opener.exists = false;
        assertEquals(CheckerState.REMOVED, checker.check(SDB, TIMEOUT).state());
        assertEquals(1, opener.closed.size());
        assertEquals(0, checker.openDevices());
    }

    @Test
    public void noConnectFromADeletedDiskIsRemoved() {
        opener.nextDevice = new FakeDevice(Answers.hostError(ScsiText.DID_NO_CONNECT));
        opener.exists = false;
        CheckResult result = checker.check(SDB, TIMEOUT);
        assertEquals(CheckerState.REMOVED, result.state());
        assertEquals("device 8:16 (sdb) no longer exists: host adapter: could not connect (DID_NO_CONNECT)",
                result.message());
        assertEquals(0, checker.openDevices());
    }

    @Test
    public void noConnectFromAnOfflineDiskIsDownAndKeepsTheDevice() {
        opener.nextDevice = new FakeDevice(Answers.hostError(ScsiText.DID_NO_CONNECT));
        assertEquals(CheckerState.DOWN, checker.check(SDB, TIMEOUT).state());
        assertEquals(1, checker.openDevices());
    }

    @Test
    public void otherIoctlFailureIsDownAndKeepsTheDevice() {
        opener.nextDevice = new FakeDevice(5);
        CheckResult result = checker.check(SDB, TIMEOUT);
        assertEquals(CheckerState.DOWN, result.state());
        assertFalse(result.message().isEmpty());
        assertEquals(1, checker.openDevices());
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue("test thread never arrived", latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
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

    private static class FakeOpener implements DeviceOpener<FakeDevice> {
        final List<FakeDevice> opened = new ArrayList<>();
        final List<FakeDevice> closed = new ArrayList<>();
        FakeDevice nextDevice;
        Runnable beforeOpen = () -> { };
        int openErrno;
        boolean exists = true;

        @Override
        public synchronized FakeDevice open(Path path) throws ErrnoException {
            beforeOpen.run();
            if (openErrno != 0) {
                String text = openErrno == LibC.ENOENT ? "No such file or directory" : "No such device or address";
                throw new ErrnoException("open", path.devicePath(), openErrno, text);
            }
            FakeDevice device = nextDevice != null ? nextDevice : new FakeDevice();
            nextDevice = null;
            opened.add(device);
            return device;
        }

        @Override
        public synchronized void close(FakeDevice device) {
            closed.add(device);
        }

        @Override
        public boolean exists(Path path) {
            return exists;
        }
    }
}
