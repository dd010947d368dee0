package org.mpathbus.devmapper.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.mpathbus.api.DeviceNumber;
import org.mpathbus.api.SourceState;
import org.mpathbus.api.spi.SourceListener;

public class DevmapperSourceTest {

    @Rule
    public TemporaryFolder folder = new TemporaryFolder();

    /** Through JNA for real: the control device does not exist, and the message says what to do. */
    @Test
    public void readingWithoutDeviceMapperFailsWithOneClearMessage() {
        String control = folder.getRoot() + "/mapper/control";
        DevmapperSource source = new DevmapperSource(folder.getRoot().toPath(), control, Duration.ofSeconds(60));
        try {
            source.read();
            fail("read without a control device");
        } catch (IOException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith("device-mapper is not available: " + control
                    + " does not exist"));
            assertTrue(e.getMessage(), e.getMessage().contains("load the dm_mod and dm_multipath modules"));
        }
    }

    /** The engine's "auto" asks the source: without a control node it does not run here, with one it does. */
    @Test
    public void itRunsHereOnlyWhereItsControlNodeCanBeOpenedForWriting() throws Exception {
        java.nio.file.Path control = folder.getRoot().toPath().resolve("control");
        DevmapperSource source = new DevmapperSource(folder.getRoot().toPath(), control.toString(), Duration.ofHours(1));
        assertFalse(source.runsHere());
        java.nio.file.Files.createFile(control);
        assertTrue(source.runsHere());
        assertTrue(control.toFile().setWritable(false));
        assertEquals("root may write where the mode says no; anyone else may not",
                "root".equals(System.getProperty("user.name")), source.runsHere());
    }

    @Test
    public void watchersStopWhenTheComponentIsDeactivated() throws Exception {
        FakeDm dm = new FakeDm();
        dm.add("mpatha", "mpath-3600", new DeviceNumber(253, 0), StateReaderTest.TABLE_A, StateReaderTest.STATUS_A);
        DevmapperSource source = new DevmapperSource(new Sysfs(folder.getRoot().toPath()),
                folder.getRoot().toPath().resolve("control"), () -> dm, Duration.ofHours(1));
        LinkedBlockingQueue<SourceState> states = new LinkedBlockingQueue<>();
        source.watch(new SourceListener() {
            @Override
            public void stateChanged(SourceState state) {
                states.add(state);
            }

            @Override
            public void sourceFailed(String message) {
            }
        });
        assertEquals(1, states.poll(10, TimeUnit.SECONDS).maps().size());

        source.deactivate();
        int arms = dm.arms.get();
        dm.event(dm.devices.values().iterator().next());

        assertEquals("no read after deactivation", arms, dm.arms.get());
    }
}
