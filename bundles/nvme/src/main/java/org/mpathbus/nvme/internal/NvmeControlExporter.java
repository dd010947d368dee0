package org.mpathbus.nvme.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;

import org.mpathbus.exporter.dbus.spi.BusInterface;
import org.mpathbus.exporter.dbus.spi.ExportedObjects;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * Puts {@link IoPolicyControl} on the D-Bus exporter's whiteboard while the configuration says enabled (shipped
 * off, as the other writes are): a change applies at once. Needs the exporter's ExportedObjects, so without the
 * D-Bus exporter this component stays unsatisfied and the source works alone.
 */
@Component(service = {}, immediate = true, configurationPid = NvmeControlExporter.PID)
@Designate(ocd = NvmeControlConfiguration.class)
public final class NvmeControlExporter {

    static final String PID = "org.mpathbus.nvme.control";
    private static final Logger LOG = System.getLogger(NvmeControlExporter.class.getName());
    private static final String INTROSPECTION = "/org/mpathbus/nvme/internal/" + IoPolicyControl.NAME + ".xml";

    private final BundleContext context;
    private final ExportedObjects exported;
    private ServiceRegistration<BusInterface> registration;

    @Activate
    public NvmeControlExporter(BundleContext context, NvmeControlConfiguration config,
            @Reference ExportedObjects exported) {
        this.context = context;
        this.exported = exported;
        apply(config);
    }

    @Modified
    synchronized void modified(NvmeControlConfiguration config) {
        apply(config);
    }

    @Deactivate
    synchronized void stop() {
        unregister();
    }

    private synchronized void apply(NvmeControlConfiguration config) {
        unregister();
        if (!config.enabled()) {
            LOG.log(Level.INFO, "NVMe writes disabled ({0}.cfg): no {1} exported", PID, IoPolicyControl.NAME);
            return;
        }
        registration = context.registerService(BusInterface.class,
                new IoPolicyControl(exported, Paths.get(config.sysfs__root()), introspection()), null);
        LOG.log(Level.INFO, "{0} exported on every map", IoPolicyControl.NAME);
    }

    private void unregister() {
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
    }

    private static String introspection() {
        try (InputStream in = NvmeControlExporter.class.getResourceAsStream(INTROSPECTION)) {
            if (in == null) {
                throw new IllegalStateException("the bundle lacks " + INTROSPECTION);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
