package org.mpathbus.checker.tur.internal;

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
 * The "tur" path checker: SCSI TEST UNIT READY over SG_IO on a descriptor kept open per path.
 *
 * <p>The check runs synchronously on the engine's worker; the kernel aborts the command after the timeout
 * the engine passes (sg_io_hdr.timeout), so a dead device holds the worker for about that long and no
 * thread of our own is ever started. Stopping the component closes every descriptor.
 */
@Designate(ocd = TurCheckerConfiguration.class)
@Component(configurationPid = "org.mpathbus.checker.tur", service = PathChecker.class,
        property = PathChecker.CHECKER_NAME + "=" + TurChecker.NAME)
public final class TurChecker extends DeviceChecker<TurCommand> {

    static final String NAME = "tur";

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
        super(opener);
        this.testUnitReady = new TestUnitReady(nanoClock);
    }

    @Override
    protected CheckResult checkDevice(Path path, DeviceHandles.Lease<? extends TurCommand> lease, Duration timeout)
            throws ErrnoException {
        CheckResult result = testUnitReady.run(lease.device(), timeout);
        return result.state() == CheckerState.DOWN ? unlessGone(path, lease, result) : result;
    }

    @Override
    protected CheckResult deviceCallFailed(Path path, DeviceHandles.Lease<?> lease, ErrnoException e) {
        if (e.errno() == ScsiDevice.ENOTTY || e.errno() == LibC.EINVAL) {
            return CheckResult.of(CheckerState.WILD, "SG_IO not supported, not a SCSI device: " + e.getMessage());
        }
        return super.deviceCallFailed(path, lease, e);
    }

    @Deactivate
    void deactivate() {
        closeDevices();
    }
}
