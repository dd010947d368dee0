package org.mpathbus.simulator.internal;

import org.mpathbus.api.spi.CheckResult;

/**
 * The simulated disks as the sim checker reaches them: an internal service of this bundle, so the checker
 * stays a component of its own and reads whichever SAN the simulator currently runs.
 */
public interface SimulatedDevices {

    /**
     * Probes the simulated device of that kernel name; blocks while its checks are made to hang.
     *
     * @throws InterruptedException when the caller gives up waiting on a hung check
     */
    CheckResult probe(String path) throws InterruptedException;
}
