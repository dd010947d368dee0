package org.mpathbus.core.internal.config;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.mpathbus.config.MultipathConfig;
import org.mpathbus.config.MultipathConfigListener;
import org.mpathbus.config.MultipathConfiguration;
import org.mpathbus.core.internal.checks.CheckPlanner;
import org.mpathbus.core.internal.checks.CheckSettings;
import org.mpathbus.core.internal.checks.ConfiguredPlans;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The one class of the core bundle that loads org.mpathbus.config: it exists only while a
 * {@link MultipathConfiguration} service does, and offers the engine the check plans of the configuration in
 * force. It hears reloads as a {@link MultipathConfigListener}; a planner is made once per configuration
 * generation (and daemon settings), so every path is planned once per reload, never per check.
 */
@Component(service = { ConfiguredPlans.class, MultipathConfigListener.class })
public final class MultipathConfPlans implements ConfiguredPlans, MultipathConfigListener {

    private static final Logger LOG = System.getLogger(MultipathConfPlans.class.getName());

    private final MultipathConfiguration configuration;
    private final List<Runnable> reloadListeners = new CopyOnWriteArrayList<>();
    /** Guarded by this. */
    private MultipathConfPlanner planner;

    @Activate
    public MultipathConfPlans(@Reference(name = "configuration") MultipathConfiguration configuration) {
        this.configuration = configuration;
    }

    @Override
    public synchronized CheckPlanner current(CheckSettings daemonSettings) {
        MultipathConfig config = configuration.current();
        if (planner == null || planner.generation() != config.generation()
                || !planner.daemonSettings().equals(daemonSettings)) {
            planner = new MultipathConfPlanner(config, daemonSettings);
        }
        return planner;
    }

    @Override
    public void configurationChanged(MultipathConfig previous, MultipathConfig current, List<String> changes) {
        for (Runnable listener : reloadListeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "reload listener " + listener + " failed", e);
            }
        }
    }

    @Override
    public void addReloadListener(Runnable onReload) {
        reloadListeners.add(onReload);
    }

    @Override
    public void removeReloadListener(Runnable onReload) {
        reloadListeners.remove(onReload);
    }
}
