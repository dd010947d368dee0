package org.mpathbus.checker.support;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.Test;
import org.mpathbus.api.DeviceNumber;
import org.mpathbus.api.Path;

/** One device per path: opened once, reused, closed on release or closeAll, never under a running check. */
public class DeviceHandlesTest {

    private static final Path SDB = Path.builder("sdb", new DeviceNumber(8, 16)).build();

    private final RecordingOpener<FakeDevice> opener = new RecordingOpener<>(() -> new FakeDevice(0));
    private final DeviceHandles<FakeDevice> handles = new DeviceHandles<>(opener);

    @Test
    public void opensTheDeviceOnceAndReusesIt() throws Exception {
        for (int i = 0; i < 3; i++) {
            try (DeviceHandles.Lease<FakeDevice> lease = handles.acquire(SDB)) {
                assertSame(opener.opened().get(0), lease.device());
            }
        }
        assertEquals(1, opener.opened().size());
        assertTrue(opener.closed().isEmpty());
        assertEquals(1, handles.size());
    }

    @Test
    public void reopensWhenTheNameNowDenotesAnotherDevice() throws Exception {
        handles.acquire(SDB).close();
        handles.acquire(SDB.toBuilder().deviceNumber(new DeviceNumber(8, 64)).build()).close();
        assertEquals(2, opener.opened().size());
        assertEquals(List.of(opener.opened().get(0)), opener.closed());
        assertEquals(1, handles.size());
    }

    @Test
    public void releaseClosesTheDeviceAndTheNextAcquireOpensItAgain() throws Exception {
        handles.acquire(SDB).close();
        handles.release(SDB.name());
        assertEquals(1, opener.closed().size());
        assertEquals(0, handles.size());
        handles.acquire(SDB).close();
        assertEquals(2, opener.opened().size());
    }

    @Test
    public void closeAllClosesEveryDeviceAndRefusesNewChecks() throws Exception {
        for (int i = 0; i < 4; i++) {
            handles.acquire(Path.builder("sd" + (char) ('b' + i), new DeviceNumber(8, 16 * (i + 1))).build()).close();
        }
        handles.closeAll();
        assertEquals(4, opener.closed().size());
        assertEquals(0, handles.size());
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> handles.acquire(SDB));
        assertEquals("checker is stopping; no new check of sdb", refused.getMessage());
    }

    @Test
    public void releaseDuringAUseClosesWhenTheLeaseEnds() throws Exception {
        DeviceHandles.Lease<FakeDevice> lease = handles.acquire(SDB);
        handles.release(SDB.name());
        assertTrue("closed under a running check", opener.closed().isEmpty());
        lease.close();
        lease.close(); // a second close of the same lease must not end another use
        assertEquals(1, opener.closed().size());
    }

    @Test
    public void closeAllDuringAUseClosesWhenTheLeaseEnds() throws Exception {
        DeviceHandles.Lease<FakeDevice> lease = handles.acquire(SDB);
        handles.closeAll();
        assertTrue("closed under a running check", opener.closed().isEmpty());
        lease.close();
        assertEquals(1, opener.closed().size());
    }

    @Test
    public void releaseWhileOpeningClosesTheDeviceAfterTheCheck() throws Exception {
        CountDownLatch opening = new CountDownLatch(1);
        CountDownLatch proceed = new CountDownLatch(1);
        opener.beforeOpen(() -> {
            opening.countDown();
            await(proceed);
        });
        CompletableFuture<Void> running = CompletableFuture.runAsync(() -> {
            try {
                handles.acquire(SDB).close();
            } catch (ErrnoException e) {
                throw new AssertionError(e);
            }
        });
        await(opening);
        handles.release(SDB.name());
        proceed.countDown();
        running.get(10, TimeUnit.SECONDS);
        assertEquals(1, opener.closed().size());
        assertEquals(0, handles.size());
    }

    @Test
    public void failedOpenLeavesNothingOpen() {
        opener.failOpenWith(LibC.ENXIO);
        ErrnoException e = assertThrows(ErrnoException.class, () -> handles.acquire(SDB));
        assertEquals(LibC.ENXIO, e.errno());
        assertEquals(0, handles.size());
    }

    @Test
    public void invalidatedDeviceIsClosedWhenTheLeaseEndsAndOpenedAgain() throws Exception {
        try (DeviceHandles.Lease<FakeDevice> lease = handles.acquire(SDB)) {
            lease.invalidate();
            assertTrue(opener.closed().isEmpty());
        }
        assertEquals(List.of(opener.opened().get(0)), opener.closed());
        handles.acquire(SDB).close();
        assertEquals(2, opener.opened().size());
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue("test thread never arrived", latch.await(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
