package org.mpathbus.exporter.dbus.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;

import org.mpathbus.api.Topology;
import org.mpathbus.api.TopologyService;
import org.mpathbus.api.event.TopologyEvent;
import org.mpathbus.api.spi.TopologyListener;
import org.mpathbus.exporter.dbus.spi.BusInterface;
import org.mpathbus.exporter.dbus.spi.ExportedObjects;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.Version;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Exports the engine's topology on D-Bus as org.mpathbus.Multipath1. A configuration change re-creates the
 * component, so enabled=false takes everything off the bus and enabled=true brings it back, at run time.
 * While the multipath configuration is read ({@link ConfigSource}, present with the configuration bundle) the
 * Config object is exported and every path says whether it is blacklisted.
 *
 * <p>The whiteboard: every {@link BusInterface} service adds its interface to the objects of its type while it
 * is registered (InterfacesAdded when it comes, InterfacesRemoved when it goes; nothing restarts), and the
 * {@link ExportedObjects} service is registered while the exporter is enabled.
 */
@Component(service = TopologyListener.class, configurationPid = DbusExporter.PID)
@Designate(ocd = DbusExporterConfiguration.class)
public final class DbusExporter implements TopologyListener {

    static final String PID = "org.mpathbus.exporter.dbus";
    /** Framework property that overrides bus_address (set by bin/mpathbusd --bus-address). */
    static final String ADDRESS_PROPERTY = "mpathbus.dbus.address";

    private static final Logger LOG = System.getLogger(DbusExporter.class.getName());

    private final ExportWriter writer;
    /** The configuration source bound now; null without one. */
    private ConfigSource configSource;
    private final Runnable configChanged = this::offerConfig;
    /** The whiteboard's providers, in the order they came; guarded by this. */
    private final List<BusInterface> providers = new ArrayList<>();
    private final ServiceRegistration<ExportedObjects> exportedObjects;

    @Activate
    public DbusExporter(DbusExporterConfiguration config, BundleContext context, @Reference TopologyService engine) {
        if (!config.enabled()) {
            LOG.log(Level.INFO, "D-Bus export disabled by configuration ({0}: enabled=false)", PID);
            writer = null;
            exportedObjects = null;
            return;
        }
        String override = context.getProperty(ADDRESS_PROPERTY);
        String address = override != null && !override.isBlank() ? override.strip() : config.bus__address().strip();
        writer = new ExportWriter(address, versionOf(context), new BusRouter(() -> engine.refresh().generation()),
                new Introspection(), engine::refresh);
        writer.start();
        exportedObjects = context.registerService(ExportedObjects.class, writer.exportedObjects(), null);
    }

    @Override
    public void topologyChanged(Topology topology, List<TopologyEvent> events) {
        if (writer != null) {
            writer.offer(topology, events);
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void bindConfigSource(ConfigSource source) {
        if (configSource != null) {
            configSource.removeChangeListener(configChanged);
        }
        configSource = source;
        source.addChangeListener(configChanged);
        offerConfig();
    }

    synchronized void unbindConfigSource(ConfigSource source) {
        source.removeChangeListener(configChanged);
        if (configSource == source) {
            configSource = null;
            offerConfig();
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void bindBusInterface(BusInterface provider) {
        providers.add(provider);
        offerInterfaces();
    }

    synchronized void unbindBusInterface(BusInterface provider) {
        providers.remove(provider);
        offerInterfaces();
    }

    private void offerInterfaces() {
        if (writer != null) {
            writer.offerInterfaces(AddedInterfaces.of(providers));
        }
    }

    private synchronized void offerConfig() {
        if (writer != null) {
            writer.offerConfig(configSource == null ? null : configSource.current());
        }
    }

    @Deactivate
    void deactivate() {
        if (exportedObjects != null) {
            exportedObjects.unregister();
        }
        if (writer != null) {
            writer.stop();
        }
    }

    private static String versionOf(BundleContext context) {
        Version version = context.getBundle().getVersion();
        return version.getMajor() + "." + version.getMinor() + "." + version.getMicro();
    }
}
