package org.mpathbus.simulator.internal;

import java.time.Duration;

import org.mpathbus.api.Path;
import org.mpathbus.api.spi.CheckResult;
import org.mpathbus.api.spi.PathChecker;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The "sim" path checker: reports the simulated link (up or down), or removed. A path whose checks are
 * made to hang blocks here until the hang is lifted or the engine interrupts it, so the engine's
 * checker_timeout is what ends the wait, as with a real unresponsive device.
 */
@Component(property = PathChecker.CHECKER_NAME + "=" + SimChecker.NAME)
public final class SimChecker implements PathChecker {

    static final String NAME = "sim";

    private final SimulatedDevices devices;

    @Activate
    public SimChecker(@Reference SimulatedDevices devices) {
        this.devices = devices;
    }

    @Override
    public CheckResult check(Path path, Duration timeout) throws InterruptedException {
        return devices.probe(path.name());
    }
}
