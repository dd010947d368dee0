package org.mpathbus.checker.tur.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;

import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.mpathbus.api.CheckerState;
import org.mpathbus.api.DeviceNumber;
import org.mpathbus.api.Path;
import org.mpathbus.api.spi.CheckResult;

/** The real opener and SG_IO call through JNA, against files that are not SCSI devices. */
public class TurCheckerOnFilesTest {

    private java.nio.file.Path devDir;
    private java.nio.file.Path sysfsDir;
    private TurChecker checker;

    @Before
    public void setUp() throws IOException {
        java.nio.file.Path base = Files.createDirectories(java.nio.file.Paths.get("target", "tur-files"));
        devDir = Files.createTempDirectory(base, "dev");
        sysfsDir = Files.createTempDirectory(base, "sys");
        checker = new TurChecker(new ScsiDeviceOpener(devDir.toString(), sysfsDir.toString()), System::nanoTime);
    }

    @After
    public void tearDown() {
        checker.deactivate();
    }

    @Test
    public void regularFileIsWildBecauseSgIoIsNotSupported() throws IOException {
        Path path = fileBackedPath("sdz", new DeviceNumber(65, 160));
        CheckResult result = checker.check(path, Duration.ofSeconds(5));
        assertEquals(CheckerState.WILD, result.state());
        assertEquals("SG_IO not supported, not a SCSI device: SG_IO on " + devDir + "/sdz: "
                + "Inappropriate ioctl for device (errno 25)", result.message());
    }

    @Test
    public void nodeAndSysfsEntryGoneIsRemoved() {
        Path path = Path.builder("sdy", new DeviceNumber(65, 128)).build();
        CheckResult result = checker.check(path, Duration.ofSeconds(5));
        assertEquals(CheckerState.REMOVED, result.state());
        assertTrue(result.message(), result.message().endsWith("No such file or directory (errno 2)"));
    }

    @Test
    public void descriptorsDoNotLeakAcrossChecksReleasesAndDeactivation() throws IOException {
        Path warmUp = fileBackedPath("sdwarm", new DeviceNumber(8, 999));
        checker.check(warmUp, Duration.ofSeconds(5)); // loads JNA, whose jar then stays open
        checker.release(warmUp);
        long before = openDescriptors();
        for (int i = 0; i < 20; i++) {
            Path path = fileBackedPath("sd" + i, new DeviceNumber(8, i));
            checker.check(path, Duration.ofSeconds(5));
            checker.check(path, Duration.ofSeconds(5));
        }
        assertEquals(before + 20, openDescriptors());
        checker.release(Path.builder("sd0", new DeviceNumber(8, 0)).build());
        assertEquals(before + 19, openDescriptors());
        checker.deactivate();
        assertEquals(before, openDescriptors());
    }

    private Path fileBackedPath(String name, DeviceNumber number) throws IOException {
        Files.write(devDir.resolve(name), new byte[4096]);
        Files.createDirectories(sysfsDir.resolve(number.toString()));
        return Path.builder(name, number).build();
    }

    private static long openDescriptors() throws IOException {
        try (var fds = Files.list(java.nio.file.Paths.get("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
