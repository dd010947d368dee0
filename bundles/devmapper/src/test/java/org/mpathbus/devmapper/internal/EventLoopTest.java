package org.mpathbus.devmapper.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.mpathbus.api.DeviceNumber;
import org.mpathbus.api.DeviceState;
import org.mpathbus.api.DmPathState;
import org.mpathbus.api.SourceState;
import org.mpathbus.api.spi.SourceListener;

public class EventLoopTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private final LinkedBlockingQueue<SourceState> states = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<String> failures = new LinkedBlockingQueue<>();
    private final SourceListener listener = new SourceListener() {
        @Override
        public void stateChanged(SourceState state) {
            states.add(state);
        }

        @Override
        public void sourceFailed(String message) {
            failures.add(message);
        }
    };

    @Test
    public void pushesTheFirstStateAndThenEachDmEventsChange() throws Exception {
        FakeDm dm = new FakeDm();
        FakeDm.Device map = dm.add("mpatha", "mpath-3600", new DeviceNumber(253, 0), StateReaderTest.TABLE_A,
                StateReaderTest.STATUS_A);
        try (EventLoop loop = new EventLoop(() -> dm, new Sysfs(folder.getRoot().toPath()), listener, Duration.ofHours(1))) {
            loop.start();
            SourceState first = states.poll(10, TimeUnit.SECONDS);
            assertNotNull(first);
            assertEquals(DmPathState.ACTIVE, first.maps().get(0).paths().get(0).dmState());

            map.status = "2 0 1 0 2 2 E 0 1 2 8:32 F 1 0 1 A 0 1 2 8:0 A 0 0 1";
            dm.event(map);

            SourceState second = states.poll(10, TimeUnit.SECONDS);
            assertNotNull(second);
            assertEquals(DmPathState.FAILED, second.maps().get(0).paths().get(0).dmState());
            assertTrue("armed before each read", dm.arms.get() >= 2);
        }
    }

    @Test
    public void anotherDevicesEventPushesNothing() throws Exception {
        FakeDm dm = new FakeDm();
        FakeDm.Device map = dm.add("mpatha", "mpath-3600", new DeviceNumber(253, 0), StateReaderTest.TABLE_A,
                StateReaderTest.STATUS_A);
        FakeDm.Device lvm = dm.add("vg-root", "LVM-xyz", new DeviceNumber(253, 1), "", "");
        try (EventLoop loop = new EventLoop(() -> dm, new Sysfs(folder.getRoot().toPath()), listener, Duration.ofHours(1))) {
            loop.start();
            assertNotNull(states.poll(10, TimeUnit.SECONDS));
            int arms = dm.arms.get();
            dm.event(lvm);
            while (dm.arms.get() == arms) {
                Thread.onSpinWait();
            }
            map.status = "2 0 1 0 2 2 E 0 1 2 8:32 F 1 0 1 A 0 1 2 8:0 A 0 0 1";
            dm.event(map);
            SourceState next = states.poll(10, TimeUnit.SECONDS);
            assertEquals("the unchanged wake-up pushed no state", DmPathState.FAILED,
                    next.maps().get(0).paths().get(0).dmState());
        }
    }

    @Test
    public void theReconcileSeesWhatNoDmEventTold() throws Exception {
        SysfsFixture sysfs = new SysfsFixture(folder.getRoot().toPath());
        sysfs.scsiDisk("devices/pseudo_0/adapter0/host0/target0:0:0", "0:0:0:0", "sdc", "8:32", "naa.3600", 32768);
        FakeDm dm = new FakeDm();
        dm.add("mpatha", "mpath-3600", new DeviceNumber(253, 0), StateReaderTest.TABLE_A, StateReaderTest.STATUS_A);
        try (EventLoop loop = new EventLoop(() -> dm, new Sysfs(sysfs.root), listener, Duration.ofMillis(100))) {
            loop.start();
            assertEquals(DeviceState.RUNNING, states.poll(10, TimeUnit.SECONDS).maps().get(0).paths().get(0).deviceState());

            sysfs.write("devices/pseudo_0/adapter0/host0/target0:0:0/0:0:0:0/state", "offline\n");

            SourceState reconciled = states.poll(10, TimeUnit.SECONDS);
            assertNotNull("a reconcile pushed the change", reconciled);
            assertEquals(DeviceState.OFFLINE, reconciled.maps().get(0).paths().get(0).deviceState());
        }
    }

    @Test
    public void aRestoredDeviceStateIsPushedWithoutADmEventOrAReconcile() throws Exception {
        SysfsFixture sysfs = new SysfsFixture(folder.getRoot().toPath());
        sysfs.scsiDisk("devices/pseudo_0/adapter0/host0/target0:0:0", "0:0:0:0", "sdc", "8:32", "naa.3600", 32768);
        sysfs.write("block/sdc/device/state", "offline\n");
        FakeDm dm = new FakeDm();
        dm.add("mpatha", "mpath-3600", new DeviceNumber(253, 0), StateReaderTest.TABLE_A, StateReaderTest.STATUS_A);
        try (EventLoop loop = new EventLoop(() -> dm, new Sysfs(sysfs.root), listener, Duration.ofHours(1),
                Duration.ofMillis(50))) {
            loop.start();
            SourceState first = states.poll(10, TimeUnit.SECONDS);
            assertEquals(DeviceState.OFFLINE, first.maps().get(0).paths().get(0).deviceState());
            int statusReads = dm.statusReads.get();

            sysfs.write("block/sdc/device/state", "running\n");

            SourceState restored = states.poll(10, TimeUnit.SECONDS);
            assertNotNull("the device state change was pushed", restored);
            assertEquals(DeviceState.RUNNING, restored.maps().get(0).paths().get(0).deviceState());
            assertEquals("no dm status was read for it", statusReads, dm.statusReads.get());
            assertNull("an unchanged device state pushes nothing", states.poll(300, TimeUnit.MILLISECONDS));
        }
    }

    @Test
    public void noDeviceMapperIsReportedOnceAndTheLoopKeepsTrying() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        DmControlFactory missing = () -> {
            attempts.incrementAndGet();
            throw new IOException("device-mapper is not available: /dev/mapper/control does not exist");
        };
        try (EventLoop loop = new EventLoop(missing, new Sysfs(folder.getRoot().toPath()), listener, Duration.ofMillis(20))) {
            loop.start();
            String message = failures.poll(10, TimeUnit.SECONDS);
            assertEquals("device-mapper is not available: /dev/mapper/control does not exist", message);
            while (attempts.get() < 3) {
                Thread.sleep(5);
            }
        }
        assertTrue("reported once", failures.isEmpty());
    }
}
