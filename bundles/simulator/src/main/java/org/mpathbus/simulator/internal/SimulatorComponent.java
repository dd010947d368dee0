package org.mpathbus.simulator.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;

import org.mpathbus.api.CheckerState;
import org.mpathbus.api.SourceState;
import org.mpathbus.api.spi.CheckResult;
import org.mpathbus.api.spi.MultipathSource;
import org.mpathbus.api.spi.SourceListener;
import org.mpathbus.simulator.SanSimulator;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The simulator as a multipath source. One thread of its own owns the SAN: every fault injection runs
 * there and, like a dm event, hands the complete new state to the watching listeners before the call
 * returns. A new configuration builds a new SAN; a bad one is refused and the current SAN stays. It exists
 * only while the simulator is the engine's chosen source ({@link SourceChoice}), and so does the simulated
 * multipathd's control ({@link SimulatedMultipathd}), which changes the SAN through {@link SanAdministration} on
 * the same thread and announces its changes the same way.
 */
@Component(name = SimulatorComponent.PID, configurationPid = SimulatorComponent.PID,
        service = {MultipathSource.class, SanSimulator.class, SimulatedDevices.class, SanAdministration.class},
        property = MultipathSource.SOURCE_NAME + "=" + MultipathSource.SIMULATOR)
@Designate(ocd = SimulatorConfiguration.class)
public final class SimulatorComponent implements MultipathSource, SanSimulator, SimulatedDevices, SanAdministration {

    static final String PID = "org.mpathbus.simulator";

    private static final Logger LOG = System.getLogger(SimulatorComponent.class.getName());
    private static final CheckResult NOT_SIMULATED = CheckResult.of(CheckerState.WILD, "sim: not a simulated device");

    private final List<SourceListener> listeners = new CopyOnWriteArrayList<>();
    private final ExecutorService eventThread;
    private final MultipathdGate multipathd = new MultipathdGate();
    private volatile Thread eventThreadItself;
    /** Replaced and changed only on the event thread; read by checker threads through {@link #probe}. */
    private volatile SimulatedSan san;
    private volatile SourceState state;

    /**
     * A bad configuration at start leaves no SAN to keep: activation fails with the reason.
     *
     * @param onlyWhenChosen present while the simulator is the chosen source; needed, never called
     */
    @Activate
    public SimulatorComponent(SimulatorConfiguration config,
            @Reference SourceChoice.SimulatorChosen onlyWhenChosen) {
        this(shapeOf(config));
    }

    SimulatorComponent(SanShape shape) {
        san = new SimulatedSan(shape);
        state = san.state();
        eventThread = Executors.newSingleThreadExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mpathbus-simulator");
            thread.setDaemon(true);
            eventThreadItself = thread;
            return thread;
        });
        LOG.log(Level.INFO, () -> "simulated SAN: " + describe(shape));
    }

    @Modified
    void modified(SimulatorConfiguration config) {
        SanShape shape;
        try {
            shape = shapeOf(config);
        } catch (IllegalArgumentException e) {
            LOG.log(Level.ERROR, e.getMessage() + "; the current SAN stays");
            return;
        }
        reshape(shape);
    }

    private static SanShape shapeOf(SimulatorConfiguration config) {
        try {
            return SanShape.from(config);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("configuration " + PID + " refused: " + e.getMessage(), e);
        }
    }

    /**
     * Builds a new SAN of that shape and announces it. The same shape again (a .cfg file saved unchanged)
     * keeps the current SAN with its injected faults.
     */
    void reshape(SanShape shape) {
        boolean rebuilt = onEventThread(() -> {
            SimulatedSan old = san;
            if (old.shape().equals(shape)) {
                return false;
            }
            san = new SimulatedSan(shape);
            old.releaseHangs();
            publish();
            return true;
        });
        if (rebuilt) {
            LOG.log(Level.INFO, () -> "simulated SAN rebuilt: " + describe(shape));
        }
    }

    @Deactivate
    void deactivate() {
        listeners.clear();
        eventThread.shutdownNow();
        san.releaseHangs();
        // Requests waiting on a hung multipathd go on and find the simulator stopped
        multipathd.set(MultipathdGate.Mood.ANSWERING);
    }

    @Override
    public SourceState read() {
        return state;
    }

    @Override
    public AutoCloseable watch(SourceListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public void failPath(String path) {
        change(() -> san.failPath(path));
    }

    @Override
    public void restorePath(String path) {
        change(() -> san.restorePath(path));
    }

    @Override
    public int failHost(int host) {
        return burst(san -> san.failComponent(SanComponent.HOST, host));
    }

    @Override
    public int restoreHost(int host) {
        return burst(san -> san.restoreComponent(SanComponent.HOST, host));
    }

    @Override
    public int failTarget(int target) {
        return burst(san -> san.failComponent(SanComponent.TARGET, target));
    }

    @Override
    public int restoreTarget(int target) {
        return burst(san -> san.restoreComponent(SanComponent.TARGET, target));
    }

    @Override
    public int failFabric(int fabric) {
        return burst(san -> san.failComponent(SanComponent.FABRIC, fabric));
    }

    @Override
    public int restoreFabric(int fabric) {
        return burst(san -> san.restoreComponent(SanComponent.FABRIC, fabric));
    }

    @Override
    public int failover() {
        return burst(SimulatedSan::failover);
    }

    /** One change of the SAN touching many paths, announced as one state: a single dm event. */
    private int burst(ToIntFunction<SimulatedSan> change) {
        return onEventThread(() -> {
            int changed = change.applyAsInt(san);
            if (changed > 0) {
                publish();
            }
            return changed;
        });
    }

    @Override
    public void removePath(String path) {
        change(() -> san.removePath(path));
    }

    @Override
    public void addPath(String path) {
        change(() -> san.addPath(path));
    }

    @Override
    public void removeMap(String map) {
        change(() -> san.removeMap(map));
    }

    @Override
    public void addMap(String map) {
        change(() -> san.addMap(map));
    }

    @Override
    public void hangChecks(String path, boolean hang) {
        onEventThread(() -> {
            san.hangChecks(path, hang);
            return null;
        });
    }

    @Override
    public void openMap(String map) {
        change(() -> {
            san.openMap(map);
            return false;
        });
    }

    @Override
    public void closeMap(String map) {
        change(() -> {
            san.closeMap(map);
            return false;
        });
    }

    @Override
    public void growLun(String map, long sizeBytes) {
        change(() -> san.growLun(map, sizeBytes));
    }

    @Override
    public void hangMultipathd(boolean hang) {
        multipathd.set(hang ? MultipathdGate.Mood.HUNG : MultipathdGate.Mood.ANSWERING);
    }

    @Override
    public void busyMultipathd(boolean busy) {
        multipathd.set(busy ? MultipathdGate.Mood.BUSY : MultipathdGate.Mood.ANSWERING);
    }

    @Override
    public MultipathdGate multipathd() {
        return multipathd;
    }

    @Override
    public void change(Predicate<SimulatedSan> change) {
        change(() -> change.test(san));
    }

    @Override
    public CheckResult probe(String path) throws InterruptedException {
        SimPath device = san.device(path).orElse(null);
        return device == null ? NOT_SIMULATED : device.check();
    }

    private void change(Callable<Boolean> change) {
        onEventThread(() -> {
            if (change.call()) {
                publish();
            }
            return null;
        });
    }

    private void publish() {
        SourceState current = san.state();
        state = current;
        for (SourceListener listener : listeners) {
            try {
                listener.stateChanged(current);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "source listener " + listener + " failed on a simulated event", e);
            }
        }
    }

    /** Runs on the event thread and waits, so errors such as an unknown name reach the caller. */
    private <T> T onEventThread(Callable<T> task) {
        if (Thread.currentThread() == eventThreadItself) {
            return callDirectly(task);
        }
        Future<T> result;
        try {
            result = eventThread.submit(task);
        } catch (RejectedExecutionException e) {
            throw new IllegalStateException("the simulator is stopped", e);
        }
        try {
            return result.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the simulator applied a change", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(cause.getMessage(), cause);
        }
    }

    private static <T> T callDirectly(Callable<T> task) {
        try {
            return task.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private static String describe(SanShape shape) {
        return shape.maps() + " maps x " + shape.pathsPerMap() + " paths in " + shape.groupsPerMap()
                + " groups over " + shape.hosts() + " hosts, checker " + shape.checker();
    }
}
