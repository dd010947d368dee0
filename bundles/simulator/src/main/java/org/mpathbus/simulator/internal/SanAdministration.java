package org.mpathbus.simulator.internal;

import java.util.function.Predicate;

/**
 * The simulated SAN as its multipathd reaches it: an internal service of this bundle, registered by the
 * simulator while it is the chosen source, so the control exists exactly as long.
 */
public interface SanAdministration {

    /** Whether the simulated multipathd answers; requests pass it first. */
    MultipathdGate multipathd();

    /**
     * Runs {@code change} on the simulator's thread with the current SAN and, when it returns true, announces
     * the new state to the source's listeners before returning. What it throws reaches the caller.
     *
     * @throws IllegalStateException when the simulator is stopped
     */
    void change(Predicate<SimulatedSan> change);
}
