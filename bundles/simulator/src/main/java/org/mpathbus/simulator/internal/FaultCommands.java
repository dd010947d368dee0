package org.mpathbus.simulator.internal;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.mpathbus.api.TopologyService;
import org.mpathbus.api.spi.MultipathSource;
import org.mpathbus.simulator.SanSimulator;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;

/**
 * Fault injection into the simulated SAN, shipped with the simulator it drives. The commands act only when the
 * engine reads the simulator: a fault injected into a simulator nobody reads would look like it did nothing.
 */
@Component(service = FaultCommands.class)
@GogoCommand(scope = "mpath", function = {"fail", "restore", "remove", "add", "hang"})
public final class FaultCommands {

    private final TopologyService topology;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile SanSimulator simulator;

    @Activate
    public FaultCommands(@Reference TopologyService topology) {
        this.topology = topology;
    }

    FaultCommands(TopologyService topology, SanSimulator simulator) {
        this(topology);
        this.simulator = simulator;
    }

    @Descriptor("take a simulated path's link down: the kernel fails it and the sim checker reports down")
    public String fail(@Descriptor("the path's kernel name, such as sdb") String path) {
        simulator().failPath(path);
        return "failed path " + path + " (link down)\n";
    }

    @Descriptor("bring a simulated path's link back: the kernel reinstates it and the sim checker reports up")
    public String restore(@Descriptor("the path's kernel name, such as sdb") String path) {
        simulator().restorePath(path);
        return "restored path " + path + " (link up)\n";
    }

    @Descriptor("delete a simulated path's device, or with --map flush a whole map with its paths")
    public String remove(
            @Descriptor("remove a map (WWID, name or dm-N) instead of a path") @Parameter(names = {"-m", "--map"},
                    presentValue = "true", absentValue = "false") boolean map,
            @Descriptor("the path (such as sdb) or, with --map, the map") String name) {
        if (map) {
            simulator().removeMap(name);
            return "removed map " + name + " with its paths\n";
        }
        simulator().removePath(name);
        return "removed path " + name + " from its map\n";
    }

    @Descriptor("bring back a removed simulated path into its old group, or with --map a removed map")
    public String add(
            @Descriptor("add a map (WWID, name or dm-N) instead of a path") @Parameter(names = {"-m", "--map"},
                    presentValue = "true", absentValue = "false") boolean map,
            @Descriptor("the path (such as sdb) or, with --map, the map") String name) {
        if (map) {
            simulator().addMap(name);
            return "added map " + name + " with the paths it had\n";
        }
        simulator().addPath(name);
        return "added path " + name + " back into its group\n";
    }

    @Descriptor("make the sim checker hang on a path until the engine's checker_timeout; --clear ends it")
    public String hang(
            @Descriptor("stop hanging") @Parameter(names = {"-c", "--clear"}, presentValue = "true",
                    absentValue = "false") boolean clear,
            @Descriptor("the path's kernel name, such as sdb") String path) {
        simulator().hangChecks(path, !clear);
        return clear ? "checks of " + path + " answer again\n"
                : "checks of " + path + " hang until 'mpath:hang --clear " + path + "'\n";
    }

    private SanSimulator simulator() {
        SanSimulator current = simulator;
        String source = topology.topology().source();
        if (current == null || !source.isEmpty() && !source.equals(MultipathSource.SIMULATOR)) {
            throw new IllegalStateException("the simulator is not the active source"
                    + (source.isEmpty() ? "" : " (the engine reads '" + source + "')")
                    + (current == null ? "; the simulator bundle is not running" : ""));
        }
        return current;
    }
}
