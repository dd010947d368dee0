package org.mpathbus.checker.support;

import java.time.Duration;

import org.mpathbus.api.CheckerState;
import org.mpathbus.api.Path;
import org.mpathbus.api.spi.CheckResult;
import org.mpathbus.api.spi.PathChecker;

/**
 * A path checker that keeps one open device per path ({@link DeviceHandles}) and reads failed system calls
 * as multipath-tools' checkers do. A checker bundle's DS component extends it with its own check of an open
 * device, and declares its own {@code @Deactivate} method calling {@link #closeDevices()} (bnd reads the
 * component class's annotations, not its superclass's).
 *
 * <p>Shared meanings: a device gone from sysfs after any failure is "removed" and its descriptor dropped; an
 * open refused for permission is "wild"; a call failing with ENXIO, ENODEV or EBADF drops the descriptor
 * (a bad descriptor is never reused); other failures are "down". A checker adds its own errno meanings by
 * overriding {@link #openFailed} or {@link #deviceCallFailed} and deferring to them for the rest.
 *
 * @param <D> what the checker keeps open per path
 */
public abstract class DeviceChecker<D> implements PathChecker {

    private final DeviceHandles<? extends D> devices;

    protected DeviceChecker(DeviceOpener<? extends D> opener) {
        this.devices = new DeviceHandles<>(opener);
    }

    @Override
    public final CheckResult check(Path path, Duration timeout) {
        try (DeviceHandles.Lease<? extends D> lease = devices.acquire(path)) {
            try {
                return checkDevice(path, lease, timeout);
            } catch (ErrnoException e) {
                return deviceCallFailed(path, lease, e);
            }
        } catch (ErrnoException e) {
            return openFailed(path, e);
        }
    }

    /**
     * Checks the path on its open device, {@code lease.device()}; a failed system call is thrown, and read by
     * {@link #deviceCallFailed}.
     */
    protected abstract CheckResult checkDevice(Path path, DeviceHandles.Lease<? extends D> lease, Duration timeout)
            throws ErrnoException;

    @Override
    public final void release(Path path) {
        devices.release(path.name());
    }

    /** Closes every device (those in use when their check ends) and refuses new checks. */
    protected final void closeDevices() {
        devices.closeAll();
    }

    /** How many paths hold an open device (for tests and diagnostics). */
    public final int openDevices() {
        return devices.size();
    }

    protected CheckResult openFailed(Path path, ErrnoException e) {
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

    protected CheckResult deviceCallFailed(Path path, DeviceHandles.Lease<?> lease, ErrnoException e) {
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
    protected final CheckResult unlessGone(Path path, DeviceHandles.Lease<?> lease, CheckResult failure) {
        CheckResult result = goneOrDown(path, failure);
        if (result.state() == CheckerState.REMOVED) {
            lease.invalidate();
        }
        return result;
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
