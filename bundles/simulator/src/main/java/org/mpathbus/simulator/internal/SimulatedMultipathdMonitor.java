package org.mpathbus.simulator.internal;

import java.util.function.Consumer;

import org.mpathbus.api.MultipathdState;
import org.mpathbus.api.control.MultipathdMonitor;
import org.mpathbus.api.spi.MultipathSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * What the simulated multipathd would answer to {@code show daemon} and {@code show status}: idle while it
 * answers, unresponsive while it hangs (as a stopped multipathd), busy while it answers busy. Each
 * {@code mpath:multipathd} change is told at once, on the caller's thread. Registered while the simulator is the
 * chosen source, as {@link SanAdministration} is.
 */
@Component(service = MultipathdMonitor.class,
        property = MultipathdMonitor.SOURCE_NAME + "=" + MultipathSource.SIMULATOR)
public final class SimulatedMultipathdMonitor implements MultipathdMonitor {

    private final MultipathdGate gate;

    @Activate
    public SimulatedMultipathdMonitor(@Reference SanAdministration san) {
        this.gate = san.multipathd();
    }

    static MultipathdState of(MultipathdGate.Mood mood) {
        return switch (mood) {
            case ANSWERING -> new MultipathdState(MultipathdState.IDLE, false, false);
            case HUNG -> new MultipathdState(MultipathdState.UNRESPONSIVE, false, false);
            case BUSY -> new MultipathdState(MultipathdState.IDLE, true, false);
        };
    }

    @Override
    public MultipathdState current() {
        return of(gate.mood());
    }

    @Override
    public AutoCloseable watch(Consumer<MultipathdState> onChange) {
        return gate.watch(mood -> onChange.accept(of(mood)));
    }
}
