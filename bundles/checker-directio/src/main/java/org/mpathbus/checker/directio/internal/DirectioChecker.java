package org.mpathbus.checker.directio.internal;

import java.time.Duration;
import java.util.function.LongSupplier;

import org.mpathbus.api.CheckerState;
import org.mpathbus.api.Path;
import org.mpathbus.api.spi.CheckResult;
import org.mpathbus.api.spi.PathChecker;
import org.mpathbus.checker.support.DeviceChecker;
import org.mpathbus.checker.support.DeviceHandles;
import org.mpathbus.checker.support.DeviceOpener;
import org.mpathbus.checker.support.ErrnoException;
import org.mpathbus.checker.support.LibC;
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
public final class DirectioChecker extends DeviceChecker<BlockRead> {

    static final String NAME = "directio";

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
        super(opener);
        this.nanoClock = nanoClock;
    }

    @Override
    protected CheckResult checkDevice(Path path, DeviceHandles.Lease<? extends BlockRead> lease, Duration timeout)
            throws ErrnoException {
        BlockRead device = lease.device();
        long start = nanoClock.getAsLong();
        int read = device.readFirstBlock();
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
    }

    @Override
    protected CheckResult openFailed(Path path, ErrnoException e) {
        if (e.errno() == LibC.EINVAL) {
            return CheckResult.of(CheckerState.WILD, "O_DIRECT not supported: " + e.getMessage());
        }
        return super.openFailed(path, e);
    }

    @Deactivate
    void deactivate() {
        closeDevices();
    }
}
