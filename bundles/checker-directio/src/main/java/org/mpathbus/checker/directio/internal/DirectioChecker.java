package org.mpathbus.checker.directio.internal;

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
 * The "directio" path checker: one O_DIRECT read of the first block, on a descriptor kept open per path.
 * A full read is up; a short or failed read is down, and so is a read that returns only after the
 * timeout (the engine has reported "timeout" meanwhile; see {@link DirectDevice} for why the read itself
 * cannot be cut short). Stopping the component closes every descriptor.
 */
@Designate(ocd = DirectioCheckerConfiguration.class)
@Component(configurationPid = "org.mpathbus.checker.directio", service = PathChecker.class,
        property = PathChecker.CHECKER_NAME + "=" + DirectioChecker.NAME)
public final class DirectioChecker implements PathChecker {

    static final String NAME = "directio";

    private final DeviceHandles<? extends BlockRead> devices;
    private final LongSupplier nanoClock;

    /** With Linux's directories, for use outside OSGi (the lab's benchmark, the test driver). */
    public DirectioChecker() {
        this(new DirectDeviceOpener("/dev", "/sys/dev/block"), System::nanoTime);
    }

    @Activate
    public DirectioChecker(DirectioCheckerConfiguration configuration) {
        this(new DirectDeviceOpener(configuration.device__directory(), configuration.sysfs__block__directory()),
                System::nanoTime);
    }

    DirectioChecker(DeviceOpener<? extends BlockRead> opener, LongSupplier nanoClock) {
        this.devices = new DeviceHandles<>(opener);
        this.nanoClock = nanoClock;
    }

    @Override
    public CheckResult check(Path path, Duration timeout) {
        try (DeviceHandles.Lease<? extends BlockRead> lease = devices.acquire(path)) {
            BlockRead device = lease.device();
            long start = nanoClock.getAsLong();
            int read;
            try {
                read = device.readFirstBlock();
            } catch (ErrnoException e) {
                return readFailed(path, lease, e);
            }
            long tookMillis = (nanoClock.getAsLong() - start) / 1_000_000;
            if (tookMillis > timeout.toMillis()) {
                return CheckResult.of(CheckerState.DOWN, "read of the first block took " + tookMillis
                        + " ms, beyond the checker timeout of " + timeout.toMillis() + " ms");
            }
            if (read < device.blockSize()) {
                // a deleted disk's open descriptor reads as an empty device
                return unlessGone(path, lease, CheckResult.of(CheckerState.DOWN,
                        "short read: " + read + " of " + device.blockSize() + " bytes at offset 0"));
            }
            return CheckResult.of(CheckerState.UP, "read the first " + read + " bytes");
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

    private CheckResult readFailed(Path path, DeviceHandles.Lease<?> lease, ErrnoException e) {
        switch (e.errno()) {
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
        case LibC.EINVAL:
            return CheckResult.of(CheckerState.WILD, "O_DIRECT not supported: " + e.getMessage());
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
