package org.mpathbus.simulator.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;

import org.mpathbus.api.spi.MultipathSource;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;

/**
 * Lets the simulator run only when it is the engine's chosen source: it registers {@link SimulatorChosen}, which
 * {@link SimulatorComponent} (and so the "sim" checker) needs, only then. The choice is the engine's: its
 * configuration's source (PID org.mpathbus.core.engine), else the framework property mpathbus.source that
 * bin/mpathbusd sets, else the simulator; "auto" means devmapper when /dev/mapper/control is writable. With
 * another source the simulator builds no SAN and registers no checker, and it follows a change of the setting.
 */
@Component(configurationPid = SourceChoice.ENGINE_PID, immediate = true, service = {})
public final class SourceChoice {

    static final String ENGINE_PID = "org.mpathbus.core.engine";
    static final String SOURCE_PROPERTY = "mpathbus.source";
    private static final Path DM_CONTROL = Path.of("/dev/mapper/control");
    private static final Logger LOG = System.getLogger(SourceChoice.class.getName());

    /** The engine's setting, read here as the engine reads it (no metatype of its own: the engine owns the PID). */
    @interface EngineSource {
        String source() default "";
    }

    private final BundleContext context;
    private ServiceRegistration<SimulatorChosen> chosen;

    @Activate
    public SourceChoice(EngineSource config, BundleContext context) {
        this.context = context;
        follow(config);
    }

    @Modified
    synchronized void follow(EngineSource config) {
        String source = chosenSource(config.source(), context.getProperty(SOURCE_PROPERTY), Files.isWritable(DM_CONTROL));
        boolean simulator = MultipathSource.SIMULATOR.equals(source);
        if (simulator && chosen == null) {
            chosen = context.registerService(SimulatorChosen.class, new SimulatorChosen(), null);
        } else if (!simulator && chosen != null) {
            chosen.unregister();
            chosen = null;
        }
        if (!simulator) {
            LOG.log(Level.DEBUG, "the engine uses the source ''{0}'': no simulated SAN", source);
        }
    }

    @Deactivate
    synchronized void deactivate() {
        if (chosen != null) {
            chosen.unregister();
            chosen = null;
        }
    }

    /** The source.name the engine uses, decided as the engine decides it. */
    static String chosenSource(String configured, String frameworkProperty, boolean dmControlWritable) {
        String name = configured.strip();
        if (name.isEmpty() && frameworkProperty != null) {
            name = frameworkProperty.strip();
        }
        if (name.isEmpty()) {
            return MultipathSource.SIMULATOR;
        }
        if (name.equals("auto")) {
            return dmControlWritable ? MultipathSource.DEVMAPPER : MultipathSource.SIMULATOR;
        }
        return name;
    }

    /** Registered while the simulator is the chosen source; private to this bundle. */
    static final class SimulatorChosen {
    }
}
