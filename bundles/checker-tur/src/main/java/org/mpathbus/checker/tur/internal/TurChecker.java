package org.mpathbus.checker.tur.internal;

import java.time.Duration;
import java.util.function.LongSupplier;

import org.mpathbus.api.CheckerState;
import org.mpathbus.api.Path;
import org.mpathbus.api.spi.CheckResult;
import org.mpathbus.api.spi.PathChecker;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The "tur" path checker: SCSI TEST UNIT READY over SG_IO on a descriptor kept open per path.
 *
 * <p>The check runs synchronously on the engine's worker; the kernel aborts the command after the timeout
 * the engine passes (sg_io_hdr.timeout), so a dead device holds the worker for about that long and no
 * thread of our own is ever started. Stopping the component closes every descriptor.
 */
@Designate(ocd = TurCheckerConfiguration.class)
@Component(configurationPid = "org.mpathbus.checker.tur", service = PathChecker.class,
        property = PathChecker.CHECKER_NAME + "=" + TurChecker.NAME)
public final class TurChecker implements PathChecker {

    static final String NAME = "tur";

    private final DeviceHandles<? extends TurCommand> devices;
    private final TestUnitReady testUnitReady;

    /** With Linux's directories, for use outside OSGi (the lab's benchmark, the test driver). */
    public TurChecker() {
        this(new ScsiDeviceOpener("/dev", "/sys/dev/block"), System::nanoTime);
    }

    @Activate
    public TurChecker(TurCheckerConfiguration configuration) {
        this(new ScsiDeviceOpener(configuration.device__directory(), configuration.sysfs__block__directory()),
                System::nanoTime);
    }

    TurChecker(DeviceOpener<? extends TurCommand> opener, LongSupplier nanoClock) {
        this.devices = new DeviceHandles<>(opener);
        this.testUnitReady = new TestUnitReady(nanoClock);
    }

    @Override
    public CheckResult check(Path path, Duration timeout) {
        try (DeviceHandles.Lease<? extends TurCommand> lease = devices.acquire(path)) {
            try {
                CheckResult result = testUnitReady.run(lease.device(), timeout);
                return result.state() == CheckerState.DOWN ? unlessGone(path, lease, result) : result;
            } catch (ErrnoException e) {
                return ioctlFailed(path, lease, e);
            }
        } catch (ErrnoException e) {
            return openFailed(path, e);
        }
    }

    @Override
    public void release(Path path) {
        devices.release(path.name());
    }

    @Deactivate
    void deactivate() {
        devices.closeAll();
    }

    /** For tests: how many paths hold an open device. */
    int openDevices() {
        return devices.size();
    }

    private CheckResult ioctlFailed(Path path, DeviceHandles.Lease<?> lease, ErrnoException e) {
        switch (e.errno()) {
        case LibC.ENOTTY:
        case LibC.EINVAL:
            return CheckResult.of(CheckerState.WILD, "SG_IO not supported, not a SCSI device: " + e.getMessage());
        case LibC.ENXIO:
        case LibC.ENODEV:
        case LibC.EBADF:
            lease.invalidate(); // a bad descriptor is never reused, whether or not the device is back
            return goneOrDown(path, CheckResult.of(CheckerState.DOWN, e.getMessage()));
        default:
            return unlessGone(path, lease, CheckResult.of(CheckerState.DOWN, e.getMessage()));
        }
    }

    /** A failure on a device that left sysfs is "removed", and its descriptor is dropped. */
    private CheckResult unlessGone(Path path, DeviceHandles.Lease<?> lease, CheckResult failure) {
        CheckResult result = goneOrDown(path, failure);
        if (result.state() == CheckerState.REMOVED) {
            lease.invalidate();
        }
        return result;
    }

    private CheckResult openFailed(Path path, ErrnoException e) {
        switch (e.errno()) {
        case LibC.ENOENT:
        case LibC.ENXIO:
        case LibC.ENODEV:
            return goneOrDown(path, CheckResult.of(CheckerState.DOWN, e.getMessage()));
        case LibC.EACCES:
        case LibC.EPERM:
            return CheckResult.of(CheckerState.WILD, "not allowed to open the device: " + e.getMessage());
        default:
            return CheckResult.of(CheckerState.DOWN, "cannot open the device: " + e.getMessage());
        }
    }

    /** An offline SCSI disk also refuses open with ENXIO; only a device gone from sysfs is "removed". */
    private CheckResult goneOrDown(Path path, CheckResult failure) {
        if (devices.exists(path)) {
            return failure;
        }
        return CheckResult.of(CheckerState.REMOVED,
                "device " + path.deviceNumber() + " (" + path.name() + ") no longer exists: " + failure.message());
    }
}
