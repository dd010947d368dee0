package org.mpathbus.nvme.internal;

import java.io.IOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.mpathbus.api.SourceState;
import org.mpathbus.api.spi.MultipathSource;
import org.mpathbus.api.spi.SourceListener;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The kernel's NVMe native multipath as a {@link MultipathSource} whose maps join those of the source the engine
 * uses ({@value MultipathSource#JOINS}): one map per shared namespace, one path per controller, with ANA states.
 * It runs where the kernel has NVMe subsystems' sysfs class (nvme_core loaded).
 */
@Component(service = MultipathSource.class, configurationPid = NvmeSource.PID, property = {
        MultipathSource.SOURCE_NAME + "=" + MultipathSource.NVME, MultipathSource.JOINS + ":Boolean=true" })
@Designate(ocd = NvmeConfiguration.class)
public final class NvmeSource implements MultipathSource {

    public static final String PID = "org.mpathbus.nvme";
    private static final Logger LOG = System.getLogger(NvmeSource.class.getName());
    private static final int MIN_POLL_MILLIS = 50;

    private final NvmeReader reader;
    private final Supplier<Uevents> uevents;
    private final Duration pollInterval;
    private final Set<NvmeWatcher> watchers = ConcurrentHashMap.newKeySet();

    @Activate
    public NvmeSource(NvmeConfiguration config) {
        this(Paths.get(config.sysfs__root()), NvmeSource::kernelUevents, pollInterval(config.poll__interval__ms()));
    }

    NvmeSource(Path sysfsRoot, Supplier<Uevents> uevents, Duration pollInterval) {
        this.reader = new NvmeReader(sysfsRoot);
        this.uevents = uevents;
        this.pollInterval = pollInterval;
    }

    private static Duration pollInterval(int millis) {
        if (millis < MIN_POLL_MILLIS) {
            LOG.log(Level.ERROR, "{0}: poll_interval_ms must be at least {1}, not {2}; using {1}", PID,
                    MIN_POLL_MILLIS, millis);
            return Duration.ofMillis(MIN_POLL_MILLIS);
        }
        return Duration.ofMillis(millis);
    }

    private static Uevents kernelUevents() {
        try {
            return UeventSocket.open();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "{0}; NVMe controllers and namespaces that come and go show at the next poll",
                    e.getMessage());
            return Uevents.NONE;
        }
    }

    /** sysfs has the NVMe subsystem class: nvme_core is loaded. */
    @Override
    public boolean runsHere() {
        return reader.present();
    }

    @Override
    public SourceState read() {
        return reader.read();
    }

    @Override
    public AutoCloseable watch(SourceListener listener) {
        NvmeWatcher watcher = new NvmeWatcher(reader, uevents, listener, pollInterval);
        watchers.add(watcher);
        watcher.start();
        return () -> {
            watchers.remove(watcher);
            watcher.close();
        };
    }

    @Deactivate
    void deactivate() {
        for (NvmeWatcher watcher : watchers) {
            watcher.close();
        }
        watchers.clear();
    }
}
