package org.mpathbus.exporter.dbus.control.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadPoolExecutor;

import org.mpathbus.api.TopologyService;
import org.mpathbus.api.control.MultipathControl;
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
import org.osgi.service.metatype.annotations.Designate;

/**
 * Registers the three control interfaces on the exporter's whiteboard while the configuration says enabled,
 * and only then: a change of {@code enabled} registers or unregisters them at once (the exporter sends
 * InterfacesAdded or InterfacesRemoved), and stopping the bundle takes them away. The controls that carry the
 * changes out come and go on their own; a call finds the one of its snapshot's source.
 */
@Component(service = {}, immediate = true, configurationPid = ControlExporter.PID)
@Designate(ocd = ControlExporterConfiguration.class)
public final class ControlExporter {

    static final String PID = "org.mpathbus.exporter.dbus.control";

    private static final Logger LOG = System.getLogger(ControlExporter.class.getName());

    private final BundleContext context;
    private final Controls controls = new Controls();
    private final ThreadPoolExecutor rereads = EffectWait.rereadPool();
    private final List<BusInterface> interfaces;
    private final List<ServiceRegistration<BusInterface>> registrations = new ArrayList<>();
    private ControlExporterConfiguration config;

    @Activate
    public ControlExporter(BundleContext context, ControlExporterConfiguration config,
            @Reference ExportedObjects exported, @Reference TopologyService topology) {
        this.context = context;
        this.config = config;
        Changes changes = new Changes(controls, new EffectWait(exported, topology, rereads));
        this.interfaces = List.of(new ManagerControl(exported, changes), new MapControl(exported, changes),
                new PathControl(exported, changes));
    }

    /** Registers only once the controls bound so far are in, so a first call finds them. */
    @Activate
    synchronized void start() {
        apply(config);
        if (!config.enabled()) {
            LOG.log(Level.INFO, "writes disabled ({0}.cfg): no control interface exported; enabled = true there "
                    + "turns them on", PID);
        }
    }

    @Modified
    synchronized void modified(ControlExporterConfiguration changed) {
        config = changed;
        apply(changed);
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

    private void apply(ControlExporterConfiguration current) {
        if (current.enabled() && registrations.isEmpty()) {
            for (BusInterface busInterface : interfaces) {
                registrations.add(context.registerService(BusInterface.class, busInterface, null));
            }
            LOG.log(Level.INFO, "writes enabled ({0}.cfg): exporting {1}", PID, names());
        } else if (!current.enabled() && !registrations.isEmpty()) {
            unregister();
            LOG.log(Level.INFO, "writes disabled ({0}.cfg): no control interface exported", PID);
        }
    }

    private void unregister() {
        for (ServiceRegistration<BusInterface> registration : registrations) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // The bundle is stopping and the framework took it away first
            }
        }
        registrations.clear();
    }

    private String names() {
        return String.join(", ", interfaces.stream().map(BusInterface::name).toList());
    }
}
