package org.mpathbus.exporter.dbus.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.freedesktop.dbus.types.Variant;
import org.mpathbus.config.BlacklistRule;
import org.mpathbus.config.ConfigEditor;
import org.mpathbus.config.ConfigProblem;
import org.mpathbus.config.EffectiveSettings;
import org.mpathbus.config.MultipathConfig;
import org.mpathbus.config.MultipathConfigListener;
import org.mpathbus.config.MultipathConfiguration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The only class of the exporter that uses the configuration bundle (imported optionally): it exists while a
 * {@link MultipathConfiguration} service does and turns its snapshots into {@link ConfigView}s. Reloads that
 * apply arrive as {@link MultipathConfigListener} calls; a reload that fails changes only lastError, which the
 * service announces to nobody, so it is looked at every second.
 */
@Component(service = { ConfigSource.class, MultipathConfigListener.class })
public final class MultipathConfigFeed implements ConfigSource, MultipathConfigListener {

    private static final Logger LOG = System.getLogger(MultipathConfigFeed.class.getName());
    private static final long ERROR_CHECK_SECONDS = 1;

    private final MultipathConfiguration configuration;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService errorCheck;
    private volatile ConfigView view;
    // Guarded by this: what the view was made of
    private MultipathConfig viewConfig;
    private Optional<ConfigProblem> viewError;

    @Activate
    public MultipathConfigFeed(@Reference(name = "configuration") MultipathConfiguration configuration) {
        this.configuration = configuration;
        refresh();
        errorCheck = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "mpathbus-dbus-config-check");
            thread.setDaemon(true);
            return thread;
        });
        errorCheck.scheduleWithFixedDelay(this::refreshAndTell, ERROR_CHECK_SECONDS, ERROR_CHECK_SECONDS,
                TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        errorCheck.shutdownNow();
    }

    @Override
    public ConfigView current() {
        return view;
    }

    @Override
    public void configurationChanged(MultipathConfig previous, MultipathConfig current, List<String> changes) {
        refreshAndTell();
    }

    @Override
    public void addChangeListener(Runnable onChange) {
        listeners.add(onChange);
    }

    @Override
    public void removeChangeListener(Runnable onChange) {
        listeners.remove(onChange);
    }

    private void refreshAndTell() {
        try {
            if (refresh()) {
                listeners.forEach(Runnable::run);
            }
        } catch (RuntimeException e) {
            // A failure must not end the periodic check (an exception would cancel it)
            LOG.log(Level.ERROR, "cannot show the multipath configuration on the bus", e);
        }
    }

    /** Makes a new view when the configuration or its last error changed; returns true when it did. */
    private synchronized boolean refresh() {
        MultipathConfig config = configuration.current();
        Optional<ConfigProblem> error = configuration.lastError();
        if (config == viewConfig && error.equals(viewError)) {
            return false;
        }
        viewConfig = config;
        viewError = error;
        view = new ConfigView(properties(config, error));
        return true;
    }

    static Map<String, Variant<?>> properties(MultipathConfig config,
            Optional<ConfigProblem> error) {
        EffectiveSettings defaults = config.defaults();
        return new PropertyTable()
                .uint64("Generation", config.generation())
                .bool("UserFriendlyNames", defaults.userFriendlyNames())
                .string("FindMultipaths", defaults.findMultipaths())
                .uint32("PollingInterval", defaults.pollingInterval())
                .uint32("MaxPollingInterval", defaults.maxPollingInterval())
                .uint32("CheckerTimeout", defaults.checkerTimeout())
                .string("PathChecker", defaults.pathChecker())
                .string("NoPathRetry", defaults.noPathRetry())
                .blacklist("Blacklist", entries(config.blacklist()))
                .blacklist("BlacklistExceptions", entries(config.blacklistExceptions()))
                .strings("ConfigFiles", config.configFiles())
                .strings("Warnings", config.warnings().stream().map(ConfigProblem::toString).toList())
                .string("LastError", error.map(ConfigProblem::toString).orElse(""))
                .string("DropInFile", config.configDir().resolve(ConfigEditor.DROP_IN_NAME).toString())
                .build();
    }

    private static List<BlacklistEntry> entries(List<BlacklistRule> rules) {
        List<BlacklistEntry> entries = new ArrayList<>(rules.size());
        for (BlacklistRule rule : rules) {
            entries.add(new BlacklistEntry(rule.criterion().keyword(), rule.pattern(), rule.vendor(), rule.product(),
                    rule.source()));
        }
        return entries;
    }
}
