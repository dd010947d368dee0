package org.mpathbus.exporter.dbus.control.internal;

import java.time.Duration;
import java.util.function.BiFunction;

import org.mpathbus.api.Topology;
import org.mpathbus.api.control.MultipathControl;
import org.mpathbus.api.control.Outcome;
import org.mpathbus.exporter.dbus.spi.BusError;

/**
 * The steps every control method takes once its target is known: ask the control of the snapshot's source,
 * within what is left of the caller's time; turn an answer other than OK into its error; then wait until the
 * exported objects show the effect.
 */
final class Changes {

    /** One request to a control, given what is left of the call's time. */
    interface Request extends BiFunction<MultipathControl, Duration, Outcome> {
    }

    private final Controls controls;
    private final EffectWait effects;

    Changes(Controls controls, EffectWait effects) {
        this.controls = controls;
        this.effects = effects;
    }

    /**
     * Has the owner make the change and returns the exported snapshot that shows {@code effect}.
     *
     * @param change the change and its target in words, such as "fail path sdb (map mpatha)"
     */
    Topology carryOut(String source, String change, Request request, Effect effect, Deadline deadline)
            throws BusError, InterruptedException {
        ask(source, change, request, deadline);
        return effects.await(effect, deadline).orElseThrow(() -> new BusError(BusError.TIMEOUT, change + ": "
                + Controls.owner(source) + " answered ok but the effect was not seen within "
                + deadline.totalInWords() + " (waiting until " + effect.description() + ")"));
    }

    /** Has the owner make a change that shows nowhere in the exported objects (the WWIDs file). */
    void ask(String source, String change, Request request, Deadline deadline) throws BusError {
        MultipathControl control = controls.forSource(source);
        String owner = Controls.owner(source);
        Outcome outcome;
        try {
            outcome = request.apply(control, deadline.remaining());
        } catch (RuntimeException e) {
            throw new BusError(BusError.FAILED, change + ": the control of " + owner + " failed: " + e);
        }
        if (outcome == null) {
            throw new BusError(BusError.FAILED, change + ": the control of " + owner + " gave no outcome");
        }
        if (!outcome.isOk()) {
            throw OutcomeErrors.error(outcome, change, owner);
        }
    }
}
