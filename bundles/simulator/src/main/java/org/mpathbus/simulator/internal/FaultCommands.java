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
 * its host (a link down, a whole host port, target port or fabric down, a controller failover, a LUN grown, a
 * map held open, multipathd stopped), not what an administrator has
 * multipathd do (the control, {@link SimulatedMultipathd}). The commands act only when the engine reads the
 * simulator: a fault injected into a simulator nobody reads would look like it did nothing.
 */
@Component(service = FaultCommands.class)
@GogoCommand(scope = "mpath", function = {"fail", "restore", "failover", "remove", "add", "hang", "open", "close",
        "grow", "multipathd"})
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

    @Descriptor("take a simulated path's link down: the kernel fails it and the sim checker reports down;"
            + " with --host, --target or --fabric a whole SAN component goes down and every path through it"
            + " fails at once, in one dm event")
    public String fail(
            @Descriptor("fail SCSI host N's HBA port (the H of H:C:T:L): every path through it")
            @Parameter(names = {"-H", "--host"}, absentValue = "-1") int host,
            @Descriptor("fail the array's target port N (the T of H:C:T:L): every path to it, through every host")
            @Parameter(names = {"-t", "--target"}, absentValue = "-1") int target,
            @Descriptor("fail fabric N (0 or 1; hosts alternate between them): every path through its hosts")
            @Parameter(names = {"-f", "--fabric"}, absentValue = "-1") int fabric,
            @Descriptor("the path's kernel name, such as sdb (none with --host, --target or --fabric)")
            String... path) {
        Burst burst = Burst.of(host, target, fabric, path);
        if (burst == null) {
            simulator().failPath(path[0]);
            return "failed path " + path[0] + " (link down)\n";
        }
        int failed = switch (burst.component) {
            case HOST -> simulator().failHost(burst.number);
            case TARGET -> simulator().failTarget(burst.number);
            case FABRIC -> simulator().failFabric(burst.number);
        };
        return burst.component.describe(burst.number) + " down: the kernel failed " + failed + " paths\n";
    }

    @Descriptor("bring a simulated path's link back: the kernel reinstates it and the sim checker reports up;"
            + " with --host, --target or --fabric a SAN component comes back and every path through it with it")
    public String restore(
            @Descriptor("restore SCSI host N's HBA port")
            @Parameter(names = {"-H", "--host"}, absentValue = "-1") int host,
            @Descriptor("restore the array's target port N")
            @Parameter(names = {"-t", "--target"}, absentValue = "-1") int target,
            @Descriptor("restore fabric N (0 or 1)")
            @Parameter(names = {"-f", "--fabric"}, absentValue = "-1") int fabric,
            @Descriptor("the path's kernel name, such as sdb (none with --host, --target or --fabric)")
            String... path) {
        Burst burst = Burst.of(host, target, fabric, path);
        if (burst == null) {
            simulator().restorePath(path[0]);
            return "restored path " + path[0] + " (link up)\n";
        }
        int reinstated = switch (burst.component) {
            case HOST -> simulator().restoreHost(burst.number);
            case TARGET -> simulator().restoreTarget(burst.number);
            case FABRIC -> simulator().restoreFabric(burst.number);
        };
        return burst.component.describe(burst.number) + " up: the kernel reinstated " + reinstated + " paths\n";
    }

    @Descriptor("fail every simulated LUN over to the array's next controller: the ALUA path groups swap (the"
            + " next group becomes optimized) and I/O moves to it, one dm event for all maps; again moves them back")
    public String failover() {
        int maps = simulator().failover();
        return "failed over " + maps + " maps to the next controller\n";
    }

    /** A fault of a whole SAN component, or null for a single path; refuses a mix or neither. */
    private record Burst(SanComponent component, int number) {
        static Burst of(int host, int target, int fabric, String[] path) {
            int given = (host >= 0 ? 1 : 0) + (target >= 0 ? 1 : 0) + (fabric >= 0 ? 1 : 0);
            if (given == 0) {
                if (path.length != 1) {
                    throw new IllegalArgumentException("give one path (such as sdb), or --host, --target or"
                            + " --fabric N; got " + path.length + " paths");
                }
                return null;
            }
            if (given > 1 || path.length > 0) {
                throw new IllegalArgumentException("give one of a path, --host, --target or --fabric, not several");
            }
            return host >= 0 ? new Burst(SanComponent.HOST, host)
                    : target >= 0 ? new Burst(SanComponent.TARGET, target) : new Burst(SanComponent.FABRIC, fabric);
        }
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
