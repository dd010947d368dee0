package org.mpathbus.config.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.mpathbus.api.Path;
import org.mpathbus.api.TopologyService;
import org.mpathbus.config.ConfigProblem;
import org.mpathbus.config.MultipathConfig;
import org.mpathbus.config.MultipathConfiguration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * mpath:config, the multipath configuration in force as the daemon reads it, shipped with the bundle that reads
 * it: it exists while the configuration service does.
 */
@Component(service = ConfigCommand.class)
@GogoCommand(scope = "mpath", function = "config")
public final class ConfigCommand {

    private final MultipathConfiguration configuration;

    /** The engine, when it runs: --paths applies the configuration to its paths. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile TopologyService topology;

    @Activate
    public ConfigCommand(@Reference(name = "configuration") MultipathConfiguration configuration) {
        this.configuration = configuration;
    }

    @Descriptor("show the multipath configuration in force: files read, last error, warnings, effective defaults, "
            + "blacklist and exceptions, configured devices, multipaths, overrides and bindings")
    public String config(
            @Descriptor("print JSON for scripts") @Parameter(names = "--json", presentValue = "true",
                    absentValue = "false") boolean json,
            @Descriptor("read the files again first") @Parameter(names = "--reload", presentValue = "true",
                    absentValue = "false") boolean reload,
            @Descriptor("show, for every path of the topology, whether it is blacklisted (by which rule), whether "
                    + "multipath-tools would take it (find_multipaths) and its effective settings")
            @Parameter(names = "--paths", presentValue = "true", absentValue = "false") boolean paths) {
        if (reload) {
            configuration.reload();
        }
        MultipathConfig current = configuration.current();
        if (paths) {
            List<ConfiguredPath> rows = ConfiguredPath.all(current, topologyPaths());
            return json ? ConfiguredPath.json(rows) : ConfiguredPath.text(rows);
        }
        Optional<String> lastError = configuration.lastError().map(ConfigProblem::toString);
        return json ? ConfigReport.json(current, lastError) : ConfigReport.text(current, lastError);
    }

    private List<Path> topologyPaths() {
        TopologyService service = topology;
        if (service == null) {
            throw new IllegalStateException("no topology: the engine (org.mpathbus.core) is not running");
        }
        return new ArrayList<>(service.topology().paths().values());
    }
}
