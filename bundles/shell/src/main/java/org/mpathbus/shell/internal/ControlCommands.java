package org.mpathbus.shell.internal;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.Function;
import org.mpathbus.api.TopologyService;
import org.mpathbus.api.control.MultipathControl;
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
 * Registers the control commands (mpath:path-fail, ...) in the Gogo shell and hands them the control of the
 * source the engine reads: the MultipathControl whose source.name equals the topology's source. Gogo finds a
 * command's method by its name, which cannot hold a dash, so each command is a {@link Function} service of its
 * own, named by the osgi.command.function property.
 */
@Component(immediate = true, service = {})
public final class ControlCommands {

    private final ControlRegistry controls = new ControlRegistry();
    private final List<ServiceRegistration<Function>> registrations = new ArrayList<>();

    @Activate
    public ControlCommands(@Reference TopologyService topology, BundleContext context) {
        ControlConsole console = new ControlConsole(topology, controls::of);
        for (ControlCommand command : ControlCommand.values()) {
            Hashtable<String, Object> properties = new Hashtable<>();
            properties.put(CommandProcessor.COMMAND_SCOPE, "mpath");
            properties.put(CommandProcessor.COMMAND_FUNCTION, command.function);
            Function function = (session, arguments) -> console.run(command, words(arguments));
            registrations.add(context.registerService(Function.class, function, properties));
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addControl(MultipathControl control, Map<String, Object> properties) {
        controls.add(control, properties);
    }

    void removeControl(MultipathControl control) {
        controls.remove(control);
    }

    @Deactivate
    void deactivate() {
        registrations.forEach(ServiceRegistration::unregister);
        registrations.clear();
    }

    private static List<String> words(List<Object> arguments) {
        List<String> words = new ArrayList<>(arguments.size());
        for (Object argument : arguments) {
            words.add(String.valueOf(argument));
        }
        return words;
    }
}
