package org.mpathbus.simulator.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.Path;
import org.mpathbus.api.control.MultipathControl;
import org.mpathbus.api.control.Outcome;
import org.mpathbus.api.spi.MultipathSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The simulator's multipathd, as the administrator reaches it: each request waits while that multipathd hangs
 * (at most its timeout) and then changes the simulated SAN on the simulator's thread, which announces the new
 * state to the engine as a dm event before the request returns. Distinct from fault injection
 * ({@link FaultCommands}): a fault happens to the SAN, a request is the administrator's.
 *
 * <p>Registered only while the simulator is the chosen source, since {@link SanAdministration} is.
 */
@Component(service = MultipathControl.class,
        property = MultipathControl.SOURCE_NAME + "=" + MultipathSource.SIMULATOR)
public final class SimulatedMultipathd implements MultipathControl {

    /** What the WWIDs file can hold: no blank, no slash (its line format is /WWID/), not empty. */
    private static final Pattern WWID = Pattern.compile("[^\\s/]+");

    private final SanAdministration san;

    @Activate
    public SimulatedMultipathd(@Reference SanAdministration san) {
        this.san = san;
    }

    @Override
    public Outcome failPath(Path path, Duration timeout) {
        return request(timeout, sim -> sim.failPathInMap(path.name()));
    }

    @Override
    public Outcome reinstatePath(Path path, Duration timeout) {
        return request(timeout, sim -> sim.reinstatePathInMap(path.name()));
    }

    @Override
    public Outcome removePath(Path path, Duration timeout) {
        return request(timeout, sim -> sim.unmapPath(path.name()));
    }

    @Override
    public Outcome addPath(String device, Duration timeout) {
        Objects.requireNonNull(device, "device");
        return request(timeout, sim -> sim.mapDevice(device));
    }

    @Override
    public Outcome flushMap(MultipathMap map, Duration timeout) {
        return request(timeout, sim -> sim.flushMap(map.wwid()));
    }

    @Override
    public Outcome resizeMap(MultipathMap map, Duration timeout) {
        return request(timeout, sim -> sim.resizeMap(map.wwid()));
    }

    @Override
    public Outcome switchGroup(MultipathMap map, int group, Duration timeout) {
        return request(timeout, sim -> sim.switchGroup(map.wwid(), group));
    }

    @Override
    public Outcome setQueueing(MultipathMap map, boolean queueing, Duration timeout) {
        return request(timeout, sim -> sim.setQueueing(map.wwid(), queueing));
    }

    @Override
    public Outcome reconfigure(Duration timeout) {
        return request(timeout, SimulatedSan::reconfigure);
    }

    @Override
    public Outcome addWwid(String wwid, Duration timeout) {
        return wwidRequest(wwid, timeout, SimulatedSan::addWwid, "added");
    }

    @Override
    public Outcome forgetWwid(String wwid, Duration timeout) {
        return wwidRequest(wwid, timeout, SimulatedSan::forgetWwid, "removed");
    }

    private Outcome wwidRequest(String wwid, Duration timeout, BiConsumer<SimulatedSan, String> change,
            String done) {
        Objects.requireNonNull(wwid, "wwid");
        if (!WWID.matcher(wwid).matches()) {
            return new Outcome(Outcome.Kind.REFUSED, "'" + wwid + "' is not a WWID");
        }
        Outcome outcome = request(timeout, sim -> {
            change.accept(sim, wwid);
            return false;
        });
        // multipath -a and -w say what they did
        return outcome.isOk() ? new Outcome(Outcome.Kind.OK, "wwid '" + wwid + "' " + done) : outcome;
    }

    /** Hands the request to multipathd unless it hangs past the timeout or is busy; its refusal is the answer. */
    private Outcome request(Duration timeout, Predicate<SimulatedSan> change) {
        Objects.requireNonNull(timeout, "timeout");
        Optional<Outcome> unanswered = san.multipathd().enter(timeout);
        if (unanswered.isPresent()) {
            return unanswered.get();
        }
        try {
            san.change(change);
            return Outcome.ok();
        } catch (Refusal refusal) {
            return refusal.outcome();
        } catch (IllegalStateException stopped) {
            return new Outcome(Outcome.Kind.UNAVAILABLE, stopped.getMessage());
        }
    }
}
