package org.mpathbus.shell.internal;

import java.time.ZoneId;
import java.util.List;
import java.util.NoSuchElementException;

import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.apache.felix.service.command.annotations.GogoCommand;
import org.mpathbus.api.DeviceLookup;
import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.Topology;
import org.mpathbus.api.TopologyService;
import org.mpathbus.api.event.TopologyEvent;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Read-only Gogo commands on the engine's current snapshot and its recent events. */
@Component(service = InspectionCommands.class)
@GogoCommand(scope = "mpath", function = {"maps", "paths", "topology", "show", "checkers", "events"})
public final class InspectionCommands {

    static final int DEFAULT_EVENT_COUNT = 20;

    private final TopologyService topology;

    @Activate
    public InspectionCommands(@Reference TopologyService topology) {
        this.topology = topology;
    }

    @Descriptor("list the multipath maps: name, WWID, dm device, size, valid/total paths, health")
    public String maps(
            @Descriptor("print multipathd's 'show maps json' format") @Parameter(names = {"-j", "--json"},
                    presentValue = "true", absentValue = "false") boolean json) {
        Topology current = topology.topology();
        return json ? MultipathJson.maps(current.maps().values()) : TopologyText.mapTable(current);
    }

    @Descriptor("list every path: device, map, group, kernel (dm) state, checker state, SCSI device state, checker,"
            + " H:B:T:L and, while multipath.conf is read, the blacklist rule that excludes it")
    public String paths(
            @Descriptor("print JSON with multipathd's path attribute names") @Parameter(names = {"-j", "--json"},
                    presentValue = "true", absentValue = "false") boolean json) {
        Topology current = topology.topology();
        return json ? MultipathJson.paths(current) : TopologyText.pathTable(current);
    }

    @Descriptor("show every map with its path groups and paths, like 'multipath -ll'")
    public String topology(
            @Descriptor("print multipathd's 'show maps json' format") @Parameter(names = {"-j", "--json"},
                    presentValue = "true", absentValue = "false") boolean json) {
        Topology current = topology.topology();
        return json ? MultipathJson.maps(current.maps().values()) : TopologyText.tree(current);
    }

    @Descriptor("show one map in detail")
    public String show(
            @Descriptor("print multipathd's 'show map NAME json' format") @Parameter(names = {"-j", "--json"},
                    presentValue = "true", absentValue = "false") boolean json,
            @Descriptor("the map: WWID, name, dm-N, /dev/mapper/NAME or major:minor") String map) {
        MultipathMap found = DeviceLookup.findMap(topology.topology(), map)
                .orElseThrow(() -> new NoSuchElementException("no map '" + map + "' (give a WWID, name, dm-N or major:minor;"
                        + " mpath:maps lists them)"));
        return json ? MultipathJson.map(found) : TopologyText.details(found);
    }

    @Descriptor("list the installed path checkers and the paths that use each, and paths whose checker is missing")
    public String checkers(
            @Descriptor("print JSON") @Parameter(names = {"-j", "--json"}, presentValue = "true",
                    absentValue = "false") boolean json) {
        Topology current = topology.topology();
        return json ? CheckerUsage.json(current) : CheckerUsage.text(current);
    }

    @Descriptor("show the " + DEFAULT_EVENT_COUNT + " most recent topology events, oldest first")
    public String events(
            @Descriptor("print JSON") @Parameter(names = {"-j", "--json"}, presentValue = "true",
                    absentValue = "false") boolean json) {
        return events(json, DEFAULT_EVENT_COUNT);
    }

    @Descriptor("show the most recent topology events, oldest first")
    public String events(
            @Descriptor("print JSON") @Parameter(names = {"-j", "--json"}, presentValue = "true",
                    absentValue = "false") boolean json,
            @Descriptor("how many events") int count) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be at least 1, not " + count);
        }
        List<TopologyEvent> recent = topology.recentEvents();
        List<TopologyEvent> last = recent.subList(Math.max(0, recent.size() - count), recent.size());
        Topology current = topology.topology();
        EventText format = new EventText(ZoneId.systemDefault(),
                wwid -> current.map(wwid).map(MultipathMap::name).orElse(null));
        return json ? format.json(last) : format.text(last);
    }
}
