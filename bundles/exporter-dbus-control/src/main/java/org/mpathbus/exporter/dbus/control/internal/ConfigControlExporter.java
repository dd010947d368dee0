package org.mpathbus.exporter.dbus.control.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.concurrent.ThreadPoolExecutor;

import org.mpathbus.api.TopologyService;
import org.mpathbus.api.control.MultipathControl;
import org.mpathbus.config.ConfigEditor;
import org.mpathbus.exporter.dbus.spi.BusInterface;
import org.mpathbus.exporter.dbus.spi.ExportedObjects;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Registers ConfigControl on the whiteboard while writes are enabled (the same PID and switch as
 * {@link ControlExporter}) and the configuration bundle's {@link ConfigEditor} is there. A component of its
 * own, so that only it loads org.mpathbus.config (imported optionally): without the configuration bundle the
 * other control interfaces run as before.
 */
@Component(service = {}, immediate = true, configurationPid = ControlExporter.PID)
public final class ConfigControlExporter {

    private static final Logger LOG = System.getLogger(ConfigControlExporter.class.getName());

    private final BundleContext context;
    private final Controls controls = new Controls();
    private final ThreadPoolExecutor rereads = EffectWait.rereadPool();
    private final ConfigControl configControl;
    private ServiceRegistration<BusInterface> registration;
    private ControlExporterConfiguration config;

    @Activate
    public ConfigControlExporter(BundleContext context, ControlExporterConfiguration config,
            @Reference ExportedObjects exported, @Reference TopologyService topology,
            @Reference ConfigEditor editor) {
        this.context = context;
        this.config = config;
        configControl = new ConfigControl(editor, new Changes(controls, new EffectWait(exported, topology, rereads)));
    }

    @Activate
    synchronized void start() {
        apply();
    }

    @Modified
    synchronized void modified(ControlExporterConfiguration changed) {
        config = changed;
        apply();
    }

    @Deactivate
    synchronized void stop() {
        unregister();
        rereads.shutdownNow();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindControl(MultipathControl control, Map<String, Object> properties) {
        controls.add(control, properties);
    }

    void unbindControl(MultipathControl control) {
        controls.remove(control);
    }

    private void apply() {
        if (config.enabled() && registration == null) {
            registration = context.registerService(BusInterface.class, configControl, null);
            LOG.log(Level.INFO, "writes enabled: exporting {0}", ConfigControl.NAME);
        } else if (!config.enabled()) {
            unregister();
        }
    }

    private void unregister() {
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // The bundle is stopping and the framework took it away first
            }
            registration = null;
        }
    }
}
