package org.mpathbus.core.internal.engine;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.Path;
import org.mpathbus.api.SourceState;
import org.mpathbus.api.spi.MultipathSource;
import org.mpathbus.api.spi.SourceListener;

/**
 * Which {@link MultipathSource} the engine reads: of the registered ones, the one whose source.name is
 * wanted; for {@value WantedSource#AUTO}, device-mapper when its source says it runs here
 * ({@link MultipathSource#runsHere()}), else the simulator unless a joining source runs here. Beside it, every
 * registered source with {@value MultipathSource#JOINS} true that runs here (NVMe native multipath) is read too,
 * and the engine gets the union: the chosen source's maps, then each joining source's by source.name (a WWID
 * already listed keeps its first map), and the chosen source's unmapped paths except those that are a joining
 * source's map device (devmapper lists NVMe namespaces as candidates). A joining source that leaves takes its maps
 * with it. It reads that source in full (at bind, on reconcile and refresh) and passes its pushes on, each
 * complete state to the engine in the order the engine thread sees them. A push made before a full read
 * began is dropped: the read already holds something newer, and applying the push after it would roll
 * the topology back.
 *
 * <p>Confined to the engine thread, except the pushes, which it hands to that thread.
 */
final class SourceSelection {

    private static final Logger LOG = System.getLogger(SourceSelection.class.getName());

    private final EngineThread engineThread;
    private final Consumer<SourceState> apply;
    private final LongSupplier generation;
    private final Map<MultipathSource, String> registered = new IdentityHashMap<>();
    /** The joining sources in use. */
    private final Map<MultipathSource, SourceBinding> joined = new IdentityHashMap<>();
    private final Set<String> reportedClashes = new HashSet<>();
    private String wanted;
    private SourceBinding active;
    /** The chosen source's newest state; it stays in force while that source is away. */
    private SourceState chosenState = SourceState.EMPTY;

    /**
     * @param apply takes each state read or pushed, on the engine thread
     * @param generation the current snapshot's generation, for log messages
     */
    SourceSelection(String wanted, EngineThread engineThread, Consumer<SourceState> apply, LongSupplier generation) {
        this.wanted = wanted;
        this.engineThread = engineThread;
        this.apply = apply;
        this.generation = generation;
    }

    String wanted() {
        return wanted;
    }

    /** The source.name of the source in use, else the one wanted. */
    String inUse() {
        return active != null ? active.name : wanted;
    }

    /** A source with {@value MultipathSource#JOINS} true arrived: used beside the chosen one where it runs. */
    void joining(MultipathSource source, String name) {
        if (!runsHere(source)) {
            LOG.log(Level.INFO, "MultipathSource ''{0}'' joins the others where it runs, and it does not run here",
                    name);
            return;
        }
        SourceBinding binding = new SourceBinding(source, name);
        joined.put(source, binding);
        LOG.log(Level.INFO, "MultipathSource ''{0}'' joins the topology", name);
        if (active != null && wanted.equals(WantedSource.AUTO) && !wants(active.source, active.name)) {
            // auto: the simulator stands in only where no real source runs
            close();
            chosenState = SourceState.EMPTY;
        }
        watchAndRead(binding);
    }

    void arrived(MultipathSource source, String name) {
        registered.put(source, name);
        if (!wants(source, name)) {
            LOG.log(Level.INFO, "MultipathSource ''{0}'' is registered; this engine uses ''{1}''", name, wanted);
        } else if (active == null) {
            use(source, name);
        } else if (!wants(active.source, active.name)) {
            // auto: device-mapper that runs here arrived after the simulator was taken
            close();
            use(source, name);
        }
    }

    private boolean wants(MultipathSource source, String name) {
        if (!wanted.equals(WantedSource.AUTO)) {
            return name.equals(wanted);
        }
        if (name.equals(MultipathSource.DEVMAPPER)) {
            return runsHere(source);
        }
        return name.equals(MultipathSource.SIMULATOR) && joined.isEmpty() && registered.entrySet().stream()
                .noneMatch(e -> e.getValue().equals(MultipathSource.DEVMAPPER) && runsHere(e.getKey()));
    }

    private static boolean runsHere(MultipathSource source) {
        try {
            return source.runsHere();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a MultipathSource could not say whether it runs here; taken as not", e);
            return false;
        }
    }

    void left(MultipathSource source) {
        SourceBinding leaving = joined.remove(source);
        if (leaving != null) {
            leaving.close();
            LOG.log(Level.INFO, "MultipathSource ''{0}'' went away; its maps leave the topology", leaving.name);
            apply.accept(union());
            if (active == null && wanted.equals(WantedSource.AUTO)) {
                useAnyWanted();
            }
            return;
        }
        String name = registered.remove(source);
        if (active == null || active.source != source) {
            return;
        }
        active.close();
        active = null;
        LOG.log(Level.WARNING, "MultipathSource ''{0}'' went away; generation {1} stays in force until it returns",
                name, generation.getAsLong());
        useAnyWanted();
    }

    /** The configuration names another source: the engine leaves the current one for it. */
    void want(String name) {
        LOG.log(Level.INFO, "the topology engine now uses the MultipathSource with source.name ''{0}''", name);
        wanted = name;
        close();
        if (!useAnyWanted()) {
            warnIfMissing();
        }
    }

    void warnIfMissing() {
        if (active == null) {
            LOG.log(Level.WARNING, "no MultipathSource with source.name ''{0}'' is registered (registered: {1});"
                    + " the topology stays empty until one appears", wanted, registered.values());
        }
    }

    /** The periodic full read of every source in use; a failure is logged and that source's last good state stays. */
    void reconcile() {
        for (SourceBinding binding : inUseBindings()) {
            try {
                readFully(binding);
            } catch (IllegalStateException e) {
                // Logged by readFully.
            }
        }
    }

    /**
     * A full read now.
     *
     * @throws IllegalStateException when no source is in use (neither a wanted nor a joining one) or a read fails
     */
    void refresh() {
        if (active == null && joined.isEmpty()) {
            throw new IllegalStateException("no MultipathSource with source.name '" + wanted
                    + "' is registered; generation " + generation.getAsLong() + " stays in force");
        }
        for (SourceBinding binding : inUseBindings()) {
            readFully(binding);
        }
    }

    /** Stops watching the chosen source. */
    void close() {
        if (active != null) {
            active.close();
            active = null;
        }
    }

    /** Stops watching every source, the joining ones too. */
    void closeAll() {
        close();
        joined.values().forEach(SourceBinding::close);
        joined.clear();
    }

    /** The chosen source first, then the joining ones by name. */
    private List<SourceBinding> inUseBindings() {
        List<SourceBinding> bindings = new ArrayList<>();
        if (active != null) {
            bindings.add(active);
        }
        bindings.addAll(joinedByName());
        return bindings;
    }

    private List<SourceBinding> joinedByName() {
        if (joined.isEmpty()) {
            return Collections.emptyList();
        }
        List<SourceBinding> bindings = new ArrayList<>(joined.values());
        bindings.sort(Comparator.comparing(binding -> binding.name));
        return bindings;
    }

    /** What the engine serves: the chosen source's state alone (the very instance) when nothing joins it. */
    private SourceState union() {
        SourceState chosen = chosenState;
        if (joined.isEmpty()) {
            return chosen;
        }
        List<MultipathMap> maps = new ArrayList<>(chosen.maps());
        Set<String> wwids = new HashSet<>();
        maps.forEach(map -> wwids.add(map.wwid()));
        Set<String> joinedDevices = new HashSet<>();
        List<Path> joinedUnmapped = new ArrayList<>();
        for (SourceBinding binding : joinedByName()) {
            for (MultipathMap map : binding.state().maps()) {
                joinedDevices.add(map.kernelName());
                if (wwids.add(map.wwid())) {
                    maps.add(map);
                } else if (reportedClashes.add(binding.name + " " + map.wwid())) {
                    LOG.log(Level.WARNING, "MultipathSource ''{0}'' has a map with WWID {1}, which another source"
                            + " lists already; the first one stays", binding.name, map.wwid());
                }
            }
            joinedUnmapped.addAll(binding.state().unmappedPaths());
        }
        List<Path> unmapped = new ArrayList<>();
        for (Path path : chosen.unmappedPaths()) {
            if (!joinedDevices.contains(path.name())) {
                unmapped.add(path);
            }
        }
        unmapped.addAll(joinedUnmapped);
        return SourceState.of(maps, unmapped);
    }

    private boolean useAnyWanted() {
        for (Map.Entry<MultipathSource, String> entry : registered.entrySet()) {
            if (wants(entry.getKey(), entry.getValue())) {
                use(entry.getKey(), entry.getValue());
                return true;
            }
        }
        return false;
    }

    private void use(MultipathSource source, String name) {
        LOG.log(Level.INFO, "using MultipathSource ''{0}''", name);
        SourceBinding binding = new SourceBinding(source, name);
        active = binding;
        watchAndRead(binding);
    }

    private void watchAndRead(SourceBinding binding) {
        MultipathSource source = binding.source;
        String name = binding.name;
        // Watch first, then read: no change falls between the two.
        try {
            binding.watching(source.watch(new Pushes(binding)));
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.ERROR, "cannot watch MultipathSource '" + name + "'; only the reconcile every interval"
                    + " will see changes", e);
        }
        try {
            readFully(binding);
        } catch (IllegalStateException e) {
            // Logged by readFully.
        }
    }

    private void readFully(SourceBinding binding) {
        SourceState state;
        try {
            binding.readStarted(System.nanoTime());
            state = binding.source.read();
        } catch (IOException | RuntimeException e) {
            LOG.log(Level.WARNING, "reading MultipathSource '" + binding.name + "' failed; generation "
                    + generation.getAsLong() + " stays in force", e);
            throw new IllegalStateException("reading MultipathSource '" + binding.name + "' failed: " + e.getMessage(),
                    e);
        }
        accept(binding, state);
    }

    private void accept(SourceBinding binding, SourceState state) {
        if (state == null) {
            LOG.log(Level.ERROR, "MultipathSource ''{0}'' gave no state; generation {1} stays in force", binding.name,
                    generation.getAsLong());
            return;
        }
        if (binding == active) {
            chosenState = state;
        } else {
            binding.state(state);
        }
        apply.accept(union());
    }

    private boolean inUse(SourceBinding binding) {
        return active == binding || joined.get(binding.source) == binding;
    }

    /** One source's pushes, honoured only while that source is in use. */
    private final class Pushes implements SourceListener {
        private final SourceBinding binding;

        Pushes(SourceBinding binding) {
            this.binding = binding;
        }

        @Override
        public void stateChanged(SourceState state) {
            long pushed = System.nanoTime();
            engineThread.execute(() -> {
                if (inUse(binding) && !binding.readSince(pushed)) {
                    accept(binding, state);
                }
            });
        }

        @Override
        public void sourceFailed(String message) {
            LOG.log(Level.WARNING, "MultipathSource ''{0}'' cannot read the kernel: {1}; the last good state stays",
                    binding.name, message);
        }
    }
}
