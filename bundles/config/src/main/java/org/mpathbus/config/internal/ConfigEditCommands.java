package org.mpathbus.config.internal;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.Function;
import org.mpathbus.api.TopologyService;
import org.mpathbus.api.control.MultipathControl;
import org.mpathbus.api.control.Outcome;
import org.mpathbus.config.ConfigChange;
import org.mpathbus.config.ConfigEditException;
import org.mpathbus.config.ConfigEditException.Kind;
import org.mpathbus.config.ConfigEditor;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * mpath:config-alias, config-blacklist, config-default, config-device and config-multipath: the same changes as
 * D-Bus ConfigControl, through the same {@link ConfigEditor}, applied by the reconfigure of the control whose
 * source.name is the engine's source. The console confirms with a re-read of the source after reconfigure
 * (the D-Bus method waits for the maps' effect); each change is logged with the caller "console".
 */
// Gogo's import is optional: the reference keeps the component (and Gogo's classes) unloaded without a console
@Component(immediate = true, service = {}, reference = @Reference(name = "console", service = CommandProcessor.class))
public final class ConfigEditCommands {

    static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Logger LOG = System.getLogger(ConfigEditCommands.class.getName());

    private record Bound(MultipathControl control, String source) {
    }

    private final ConfigEditor editor;
    private final TopologyService topology;
    private final List<Bound> controls = new CopyOnWriteArrayList<>();
    private final List<ServiceRegistration<Function>> registrations = new ArrayList<>();

    @Activate
    public ConfigEditCommands(@Reference ConfigEditor editor, @Reference TopologyService topology,
            BundleContext context) {
        this.editor = editor;
        this.topology = topology;
        for (ConfigEditCommand command : ConfigEditCommand.values()) {
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put(CommandProcessor.COMMAND_SCOPE, "mpath");
            properties.put(CommandProcessor.COMMAND_FUNCTION, command.function);
            Function function = (session, arguments) -> run(command, arguments.stream().map(String::valueOf)
                    .toList());
            registrations.add(context.registerService(Function.class, function, properties));
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addControl(MultipathControl control, Map<String, Object> properties) {
        controls.add(new Bound(control, String.valueOf(properties.get(MultipathControl.SOURCE_NAME))));
    }

    void removeControl(MultipathControl control) {
        controls.removeIf(b -> b.control() == control);
    }

    @Deactivate
    void deactivate() {
        registrations.forEach(ServiceRegistration::unregister);
        registrations.clear();
    }

    String run(ConfigEditCommand command, List<String> words) throws InterruptedException {
        ConfigChange change = command.change(words);
        long start = System.nanoTime();
        try {
            editor.change(change, TIMEOUT, (loaded, remaining, restoring) -> reconfigure(remaining));
        } catch (ConfigEditException e) {
            LOG.log(Level.INFO, "console: mpath:{0} {1}: {2}: {3} ({4} ms)", command.function, words, e.kind(),
                    e.getMessage(), (System.nanoTime() - start) / 1_000_000);
            throw new IllegalStateException(change.describe() + ": " + e.getMessage());
        }
        LOG.log(Level.INFO, "console: mpath:{0} {1}: ok ({2} ms)", command.function, words,
                (System.nanoTime() - start) / 1_000_000);
        return change.describe() + ": done, " + editor.dropInFile() + "\n";
    }

    private void reconfigure(Duration remaining) throws ConfigEditException, InterruptedException {
        String source = topology.topology().source();
        MultipathControl control = controls.stream().filter(b -> b.source().equals(source)).findFirst()
                .map(Bound::control).orElseThrow(() -> new ConfigEditException(Kind.FAILED,
                        "no control for source " + source));
        Outcome outcome = control.reconfigure(remaining);
        if (!outcome.isOk()) {
            throw new ConfigEditException(outcome.kind() == Outcome.Kind.TIMEOUT ? Kind.TIMEOUT
                    : outcome.kind() == Outcome.Kind.BUSY ? Kind.BUSY : Kind.FAILED,
                    "reconfigure: " + outcome.kind() + " " + outcome.message());
        }
        topology.refresh();
    }
}
