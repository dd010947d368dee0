package org.mpathbus.nvme.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.mpathbus.api.AnaState;
import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.SourceState;
import org.mpathbus.api.spi.SourceListener;
import org.mpathbus.testing.Await;

public class NvmeWatcherTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    private final List<SourceState> pushed = new CopyOnWriteArrayList<>();
    private final SourceListener listener = new SourceListener() {
        @Override
        public void stateChanged(SourceState state) {
            pushed.add(state);
        }

        @Override
        public void sourceFailed(String message) {
            throw new AssertionError(message);
        }
    };
    private FakeNvmeSysfs sysfs;
    private AutoCloseable watch;

    @Before
    public void twoPaths() throws Exception {
        sysfs = new FakeNvmeSysfs(folder.getRoot().toPath());
        sysfs.subsystem("nvme-subsys0", "nqn.lab", "numa");
        sysfs.head("nvme-subsys0", "nvme0n1", "259:2", 8, "uuid.1");
        sysfs.head("nvme-subsys0", "nvme0n2", "259:3", 8, "uuid.2");
        sysfs.controller("nvme-subsys0", "nvme0", "tcp", "traddr=127.0.0.1,trsvcid=4420", "live");
        sysfs.controller("nvme-subsys0", "nvme1", "tcp", "traddr=127.0.0.1,trsvcid=4421", "live");
        sysfs.path("nvme0", "nvme0c0n1", "optimized", 1);
        sysfs.path("nvme1", "nvme0c1n1", "optimized", 1);
        sysfs.path("nvme0", "nvme0c0n2", "optimized", 1);
    }

    @After
    public void stop() throws Exception {
        if (watch != null) {
            watch.close();
        }
    }

    private SourceState last() {
        return pushed.get(pushed.size() - 1);
    }

    @Test
    public void anAnaChangeIsPushedWithinOnePollAndTheOtherMapStaysTheSameInstance() throws Exception {
        watch = new NvmeSource(sysfs.root, () -> Uevents.NONE, Duration.ofMillis(100)).watch(listener);
        Await.until("the first state", () -> pushed.size() == 1);
        MultipathMap untouched = pushed.get(0).maps().get(1);

        long changed = System.nanoTime();
        sysfs.anaState("nvme1", "nvme0c1n1", "inaccessible");
        Await.until("the ANA change pushed", Duration.ofSeconds(1),
                () -> pushed.size() == 2 && last().maps().get(0).paths().get(1).anaState() == AnaState.INACCESSIBLE);
        long millis = (System.nanoTime() - changed) / 1_000_000;
        assertTrue("pushed after " + millis + " ms", millis < 1000);
        assertSame(untouched, last().maps().get(1));
        assertEquals(1, last().maps().get(0).validPathCount());
    }

    @Test
    public void nothingIsPushedWhileNothingChanges() throws Exception {
        watch = new NvmeSource(sysfs.root, () -> Uevents.NONE, Duration.ofMillis(50)).watch(listener);
        Await.until("the first state", () -> pushed.size() == 1);
        Thread.sleep(400);
        assertEquals(1, pushed.size());
    }

    @Test
    public void aUeventReadsAtOnceWithoutWaitingForThePoll() throws Exception {
        Semaphore uevent = new Semaphore(0);
        Uevents fake = new Uevents() {
            @Override
            public boolean await(long millis) throws InterruptedException {
                return uevent.tryAcquire(millis, TimeUnit.MILLISECONDS);
            }

            @Override
            public void close() {
            }
        };
        watch = new NvmeSource(sysfs.root, () -> fake, Duration.ofSeconds(30)).watch(listener);
        Await.until("the first state", () -> pushed.size() == 1);
        sysfs.removeController("nvme-subsys0", "nvme1");
        uevent.release();
        Await.until("the lost controller pushed", Duration.ofSeconds(2), () -> pushed.size() == 2);
        assertEquals(1, last().maps().get(0).pathCount());
        assertEquals("nvme0c0n1", last().maps().get(0).paths().get(0).name());
    }

    @Test
    public void closingStopsThePushes() throws Exception {
        watch = new NvmeSource(sysfs.root, () -> Uevents.NONE, Duration.ofMillis(50)).watch(listener);
        Await.until("the first state", () -> pushed.size() == 1);
        watch.close();
        watch = null;
        sysfs.anaState("nvme0", "nvme0c0n1", "change");
        Thread.sleep(300);
        assertEquals(1, pushed.size());
    }

    @Test
    public void theUeventFilterLooksForNvme() {
        assertTrue(UeventSocket.contains("change@/devices/virtual/nvme-fabrics/ctl/nvme1\0ACTION=change".getBytes(),
                "nvme".getBytes()));
        assertEquals(false, UeventSocket.contains("add@/devices/virtual/block/loop0\0".getBytes(), "nvme".getBytes()));
    }
}
