package org.mpathbus.config.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import org.mpathbus.config.ConfigProblem;
import org.mpathbus.config.MultipathConfig;
import org.mpathbus.config.MultipathConfigListener;
import org.mpathbus.config.MultipathConfiguration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The {@link MultipathConfiguration} service: loads the files at activation and then checks them every
 * reload_check_interval seconds on one daemon thread. {@link MultipathConfigListener} services are told
 * of every applied change. New settings of its PID apply in place ({@link #modified}): the service stays
 * registered and the generations go on, so its users never see it go away for a moment.
 */
@Component(service = MultipathConfiguration.class, immediate = true,
        configurationPid = MultipathConfigurationSettings.PID)
@Designate(ocd = MultipathConfigurationSettings.class)
public final class MultipathConfigurationComponent implements MultipathConfiguration {

    private final List<MultipathConfigListener> listeners = new CopyOnWriteArrayList<>();
    private final ConfigReloader reloader;
    private final ScheduledExecutorService watcher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "mpathbus-config-watch");
        t.setDaemon(true);
        return t;
    });
    private ScheduledFuture<?> watch;

    @Activate
    public MultipathConfigurationComponent(MultipathConfigurationSettings settings) {
        reloader = new ConfigReloader(locations(settings), () -> listeners);
        reloader.reload();
        watchEvery(settings.reload__check__interval());
    }

    /** New locations or interval: the files are read from there at once, and watched at the new interval. */
    @Modified
    synchronized void modified(MultipathConfigurationSettings settings) {
        reloader.relocate(locations(settings));
        watchEvery(settings.reload__check__interval());
    }

    private static ConfigLoader.Locations locations(MultipathConfigurationSettings settings) {
        return new ConfigLoader.Locations(Path.of(settings.config__file()), Path.of(settings.config__dir()),
                Path.of(settings.bindings__file()), Path.of(settings.wwids__file()));
    }

    private synchronized void watchEvery(int seconds) {
        if (watch != null) {
            watch.cancel(false);
            watch = null;
        }
        if (seconds > 0) {
            watch = watcher.scheduleWithFixedDelay(this::checkForChanges, seconds, seconds, TimeUnit.SECONDS);
        }
    }

    /** A failure must not end the periodic checks (an exception would cancel them). */
    private void checkForChanges() {
        try {
            reloader.checkForChanges();
        } catch (RuntimeException e) {
            System.getLogger(getClass().getName()).log(System.Logger.Level.ERROR, "checking multipath.conf failed", e);
        }
    }

    @Deactivate
    void deactivate() {
        watcher.shutdownNow();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addListener(MultipathConfigListener listener) {
        listeners.add(listener);
    }

    void removeListener(MultipathConfigListener listener) {
        listeners.remove(listener);
    }

    @Override
    public MultipathConfig current() {
        return reloader.current();
    }

    @Override
    public Optional<ConfigProblem> lastError() {
        return reloader.lastError();
    }

    @Override
    public Optional<ConfigProblem> reload() {
        return reloader.reload();
    }
}
