package org.mpathbus.checker.directio.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.mpathbus.api.CheckerState;
import org.mpathbus.api.DeviceNumber;
import org.mpathbus.api.Path;
import org.mpathbus.api.spi.CheckResult;

/**
 * The real opener and O_DIRECT read through JNA, on regular files under target/ (this module's build
 * directory must be on a file system with O_DIRECT, such as ext4 or xfs; a regular file has no BLKBSZGET,
 * so the read is 4096 bytes, as multipath-tools falls back to).
 */
public class DirectioCheckerOnFilesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private java.nio.file.Path devDir;
    private java.nio.file.Path sysfsDir;
    private DirectioChecker checker;

    @Before
    public void setUp() throws IOException {
        java.nio.file.Path base = Files.createDirectories(Paths.get("target", "directio-files"));
        devDir = Files.createTempDirectory(base, "dev");
        sysfsDir = Files.createTempDirectory(base, "sys");
        checker = new DirectioChecker(new DirectDeviceOpener(devDir.toString(), sysfsDir.toString()), System::nanoTime);
    }

    @After
    public void tearDown() {
        checker.deactivate();
    }

    @Test
    public void fullReadIsUp() throws IOException {
        CheckResult result = checker.check(fileBackedPath("sda", new DeviceNumber(8, 0), 8192), TIMEOUT);
        assertEquals(result.message(), CheckerState.UP, result.state());
        assertEquals("read the first 4096 bytes", result.message());
    }

    @Test
    public void emptyFileIsDown() throws IOException {
        CheckResult result = checker.check(fileBackedPath("sdb", new DeviceNumber(8, 16), 0), TIMEOUT);
        assertEquals(CheckerState.DOWN, result.state());
        assertEquals("short read: 0 of 4096 bytes at offset 0", result.message());
    }

    @Test
    public void fileShorterThanABlockIsDown() throws IOException {
        CheckResult result = checker.check(fileBackedPath("sdc", new DeviceNumber(8, 32), 512), TIMEOUT);
        assertEquals(CheckerState.DOWN, result.state());
        assertEquals("short read: 512 of 4096 bytes at offset 0", result.message());
    }

    @Test
    public void nodeRefusingODirectIsWild() throws IOException {
        // ext4 refuses O_DIRECT on a directory with EINVAL, as a file system without O_DIRECT does on any file
        Files.createDirectories(devDir.resolve("sdd"));
        Files.createDirectories(sysfsDir.resolve("8:48"));
        CheckResult result = checker.check(Path.builder("sdd", new DeviceNumber(8, 48)).build(), TIMEOUT);
        assertEquals(CheckerState.WILD, result.state());
        assertEquals("O_DIRECT not supported: open " + devDir + "/sdd: Invalid argument (errno 22)", result.message());
    }

    @Test
    public void nodeAndSysfsEntryGoneIsRemoved() {
        CheckResult result = checker.check(Path.builder("sde", new DeviceNumber(8, 64)).build(), TIMEOUT);
        assertEquals(CheckerState.REMOVED, result.state());
        assertTrue(result.message(), result.message().startsWith("device 8:64 (sde) no longer exists: open "));
    }

    @Test
    public void readBufferIsPageAligned() throws Exception {
        fileBackedPath("sdf", new DeviceNumber(8, 80), 4096);
        DirectDevice device = new DirectDeviceOpener(devDir.toString(), sysfsDir.toString())
                .open(Path.builder("sdf", new DeviceNumber(8, 80)).build());
        try {
            assertEquals(0, device.bufferAddress() % DirectDevice.PAGE_SIZE);
            assertEquals(4096, device.blockSize());
        } finally {
            new DirectDeviceOpener(devDir.toString(), sysfsDir.toString()).close(device);
        }
    }

    @Test
    public void descriptorsDoNotLeakAcrossChecksReleasesAndDeactivation() throws IOException {
        Path warmUp = fileBackedPath("sdwarm", new DeviceNumber(8, 999), 4096);
        checker.check(warmUp, TIMEOUT); // loads JNA, whose jar then stays open
        checker.release(warmUp);
        long before = openDescriptors();
        for (int i = 0; i < 20; i++) {
            Path path = fileBackedPath("sdx" + i, new DeviceNumber(65, i), 4096);
            assertEquals(CheckerState.UP, checker.check(path, TIMEOUT).state());
            assertEquals(CheckerState.UP, checker.check(path, TIMEOUT).state());
        }
        assertEquals(before + 20, openDescriptors());
        checker.release(Path.builder("sdx0", new DeviceNumber(65, 0)).build());
        assertEquals(before + 19, openDescriptors());
        checker.deactivate();
        assertEquals(before, openDescriptors());
    }

    private Path fileBackedPath(String name, DeviceNumber number, int size) throws IOException {
        Files.write(devDir.resolve(name), new byte[size]);
        Files.createDirectories(sysfsDir.resolve(number.toString()));
        return Path.builder(name, number).build();
    }

    private static long openDescriptors() throws IOException {
        try (var fds = Files.list(Paths.get("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
