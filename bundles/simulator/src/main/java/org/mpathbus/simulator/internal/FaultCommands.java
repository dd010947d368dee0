package org.mpathbus.simulator.internal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
 * Fault injection into the simulated SAN, shipped with the simulator it drives: what happens to the SAN and
 * its host (a link down, a LUN grown, a map held open, multipathd stopped), not what an administrator has
 * multipathd do (the control, {@link SimulatedMultipathd}). The commands act only when the engine reads the
 * simulator: a fault injected into a simulator nobody reads would look like it did nothing.
 */
@Component(service = FaultCommands.class)
@GogoCommand(scope = "mpath", function = {"fail", "restore", "remove", "add", "hang", "open", "close", "grow",
        "multipathd"})
public final class FaultCommands {

    private static final Pattern SIZE = Pattern.compile("(\\d+)([KMGT]?)", Pattern.CASE_INSENSITIVE);

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

    @Descriptor("hold a simulated map's device open (as a mounted file system would), so multipathd will not"
            + " flush it")
    public String open(@Descriptor("the map: WWID, name or dm-N") String map) {
        simulator().openMap(map);
        return "map " + map + " is held open until 'mpath:close " + map + "'\n";
    }

    @Descriptor("close one hold on a simulated map's device")
    public String close(@Descriptor("the map: WWID, name or dm-N") String map) {
        simulator().closeMap(map);
        return "closed one hold on map " + map + "\n";
    }

    @Descriptor("grow a simulated map's LUN on the array: its paths report the new size, the map keeps its own"
            + " until multipathd resizes it")
    public String grow(@Descriptor("the map: WWID, name or dm-N") String map,
            @Descriptor("the LUN's new size: MiB, or a number with K, M, G or T (binary)") String size) {
        long bytes = parseSize(size);
        simulator().growLun(map, bytes);
        return "LUN of map " + map + " grew to " + bytes + " bytes\n";
    }

    @Descriptor("make the simulated multipathd hang (requests end with timeout), answer busy, or answer again")
    public String multipathd(@Descriptor("hang, busy or answer") String mood) {
        switch (mood.toLowerCase(Locale.ROOT)) {
            case "hang":
                simulator().hangMultipathd(true);
                return "multipathd hangs: requests time out until 'mpath:multipathd answer'\n";
            case "busy":
                simulator().busyMultipathd(true);
                return "multipathd answers busy until 'mpath:multipathd answer'\n";
            case "answer":
                simulator().hangMultipathd(false);
                return "multipathd answers again\n";
            default:
                throw new IllegalArgumentException("give hang, busy or answer, not '" + mood + "'");
        }
    }

    /** A size in MiB, or with a binary unit suffix. */
    static long parseSize(String size) {
        Matcher matcher = SIZE.matcher(size.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("size must be a number of MiB or a number with K, M, G or T, not '"
                    + size + "'");
        }
        int shift = switch (matcher.group(2).toUpperCase(Locale.ROOT)) {
            case "K" -> 10;
            case "G" -> 30;
            case "T" -> 40;
            default -> 20;
        };
        long value;
        try {
            value = Long.parseLong(matcher.group(1));
        } catch (NumberFormatException e) {
            value = Long.MAX_VALUE;
        }
        if (value <= 0 || value > Long.MAX_VALUE >> shift) {
            throw new IllegalArgumentException("size must be positive and below 8 EiB, not '" + size + "'");
        }
        return value << shift;
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
