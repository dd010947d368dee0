package org.mpathbus.core.internal.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.Test;
import org.mpathbus.api.CheckerState;
import org.mpathbus.api.DmPathState;
import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.Path;
import org.mpathbus.api.PathGroup;
import org.mpathbus.api.SourceState;
import org.mpathbus.api.Topology;
import org.mpathbus.api.event.MapAdded;
import org.mpathbus.api.event.MapChanged;
import org.mpathbus.api.event.MapFailed;
import org.mpathbus.api.event.MapRemoved;
import org.mpathbus.api.event.MapRestored;
import org.mpathbus.api.event.PathAdded;
import org.mpathbus.api.event.PathCheckerStateChanged;
import org.mpathbus.api.event.PathDmStateChanged;
import org.mpathbus.api.event.PathFailed;
import org.mpathbus.api.event.PathReinstated;
import org.mpathbus.api.event.PathRemoved;
import org.mpathbus.api.event.PolicyChanged;
import org.mpathbus.api.event.TopologyEvent;

public class TopologyDiffTest {

    private static final Instant NOW = Instant.parse("2026-11-24T08:00:00Z");
    private final TopologyDiff diff = new TopologyDiff();
    private long generation;

    private Topology topology(SourceState state) {
        return Topology.of(++generation, NOW, "test", state.maps(), state.unmappedPaths(), Set.of());
    }

    private static List<String> kinds(List<TopologyEvent> events) {
        return events.stream().map(event -> event.getClass().getSimpleName()).collect(Collectors.toList());
    }

    @Test
    public void identicalMapInstancesMakeNoEvents() {
        SourceState state = Sans.state(3);
        assertEquals(List.of(), diff.between(topology(state), topology(state), NOW));
        assertEquals(0, diff.lastSequence());
    }

    @Test
    public void equalButRebuiltMapsMakeNoEvents() {
        assertEquals(List.of(), diff.between(topology(Sans.state(3)), topology(Sans.state(3)), NOW));
    }

    @Test
    public void failingAPathGivesDmChangeThenPathFailedThenMapChanged() {
        SourceState before = Sans.state(2);
        SourceState after = Sans.replace(before, Sans.withPathState(Sans.map(2), "sd-2-1", DmPathState.FAILED));

        List<TopologyEvent> events = diff.between(topology(before), topology(after), NOW);

        assertEquals(List.of("PathDmStateChanged", "PathFailed", "MapChanged"), kinds(events));
        PathDmStateChanged change = (PathDmStateChanged) events.get(0);
        assertEquals("sd-2-1", change.path().name());
        assertEquals(DmPathState.ACTIVE, change.previous());
        assertEquals(DmPathState.FAILED, change.path().dmState());
        PathFailed failed = (PathFailed) events.get(1);
        assertEquals(3, failed.validPaths());
        assertEquals("wwid-2", failed.mapWwid());
        assertEquals(NOW, failed.timestamp());
    }

    @Test
    public void reinstatingAPathGivesPathReinstatedWithValidPathsAfter() {
        MultipathMap failed = Sans.withPathState(Sans.map(1), "sd-1-2", DmPathState.FAILED);
        SourceState before = SourceState.of(List.of(failed), List.of());

        List<TopologyEvent> events = diff.between(topology(before), topology(Sans.state(1)), NOW);

        assertEquals(List.of("PathDmStateChanged", "PathReinstated", "MapChanged"), kinds(events));
        assertEquals(4, ((PathReinstated) events.get(1)).validPaths());
    }

    @Test
    public void aFlapBetweenTwoReadsShowsAsFailedThenReinstatedFromTheFailCount() {
        SourceState before = Sans.state(1);
        SourceState after = Sans.replace(before,
                Sans.withPath(Sans.map(1), "sd-1-2", path -> path.toBuilder().failCount(path.failCount() + 1).build()));

        List<TopologyEvent> events = diff.between(topology(before), topology(after), NOW);

        assertEquals(List.of("PathFailed", "PathReinstated", "MapChanged"), kinds(events));
        assertEquals(3, ((PathFailed) events.get(0)).validPaths());
        assertEquals(4, ((PathReinstated) events.get(1)).validPaths());
        assertEquals("sd-1-2", ((PathReinstated) events.get(1)).path().name());
    }

    @Test
    public void lastPathFailingFailsTheMapAndFirstBackRestoresIt() {
        MultipathMap threeDown = Sans.map(1);
        for (String name : List.of("sd-1-1", "sd-1-2", "sd-1-3")) {
            threeDown = Sans.withPathState(threeDown, name, DmPathState.FAILED);
        }
        MultipathMap allDown = Sans.withPathState(threeDown, "sd-1-4", DmPathState.FAILED);
        Topology degraded = topology(SourceState.of(List.of(threeDown), List.of()));
        Topology dead = topology(SourceState.of(List.of(allDown), List.of()));

        List<TopologyEvent> failing = diff.between(degraded, dead, NOW);
        assertEquals(List.of("PathDmStateChanged", "PathFailed", "MapFailed", "MapChanged"), kinds(failing));
        assertEquals(0, ((PathFailed) failing.get(1)).validPaths());
        assertEquals("wwid-1", ((MapFailed) failing.get(2)).map().wwid());

        List<TopologyEvent> restoring = diff.between(dead, degraded, NOW);
        assertEquals(List.of("PathDmStateChanged", "PathReinstated", "MapRestored", "MapChanged"), kinds(restoring));
        assertEquals(1, ((MapRestored) restoring.get(2)).map().validPathCount());
    }

    @Test
    public void groupSwitchIsAPolicyChange() {
        SourceState before = Sans.state(1);
        SourceState after = Sans.replace(before, Sans.withActiveGroup(Sans.map(1), 2));

        List<TopologyEvent> events = diff.between(topology(before), topology(after), NOW);

        assertEquals(List.of("PolicyChanged", "MapChanged"), kinds(events));
        assertEquals(PolicyChanged.ACTIVE_GROUP, ((PolicyChanged) events.get(0)).what());
        assertEquals(2, ((PolicyChanged) events.get(0)).map().activeGroupIndex());
    }

    @Test
    public void droppingQueueIfNoPathChangesFeaturesAndQueueing() {
        SourceState before = Sans.state(1);
        SourceState after = Sans.replace(before, Sans.map(1).toBuilder().features(List.of()).build());

        List<TopologyEvent> events = diff.between(topology(before), topology(after), NOW);

        assertEquals(List.of(PolicyChanged.FEATURES, PolicyChanged.QUEUEING), events.stream()
                .filter(PolicyChanged.class::isInstance).map(e -> ((PolicyChanged) e).what()).collect(Collectors.toList()));
        assertTrue(events.get(events.size() - 1) instanceof MapChanged);
    }

    @Test
    public void selectorAndHardwareHandlerChangesArePolicyChanges() {
        MultipathMap map = Sans.map(1);
        List<PathGroup> groups = new ArrayList<>();
        for (PathGroup group : map.groups()) {
            groups.add(PathGroup.of(group.index(), group.priority(), "round-robin 0", group.dmState(), group.paths()));
        }
        MultipathMap changed = map.toBuilder().groups(groups).hardwareHandler("").build();

        List<TopologyEvent> events = diff.between(topology(SourceState.of(List.of(map), List.of())),
                topology(SourceState.of(List.of(changed), List.of())), NOW);

        assertEquals(List.of(PolicyChanged.HARDWARE_HANDLER, PolicyChanged.SELECTOR), events.stream()
                .filter(PolicyChanged.class::isInstance).map(e -> ((PolicyChanged) e).what()).collect(Collectors.toList()));
    }

    @Test
    public void removingAnActivePathFailsItThenRemovesIt() {
        SourceState before = Sans.state(1);
        SourceState after = Sans.replace(before, Sans.withoutPath(Sans.map(1), "sd-1-3"));

        List<TopologyEvent> events = diff.between(topology(before), topology(after), NOW);

        assertEquals(List.of("PathFailed", "MapChanged", "PathRemoved"), kinds(events));
        assertEquals(3, ((PathFailed) events.get(0)).validPaths());
        assertEquals("sd-1-3", ((PathRemoved) events.get(2)).path().name());
    }

    @Test
    public void addingAPathGivesPathAddedBeforeMapChanged() {
        SourceState before = Sans.replace(Sans.state(1), Sans.withoutPath(Sans.map(1), "sd-1-3"));

        List<TopologyEvent> events = diff.between(topology(before), topology(Sans.state(1)), NOW);

        assertEquals(List.of("PathAdded", "MapChanged"), kinds(events));
        assertEquals("sd-1-3", ((PathAdded) events.get(0)).path().name());
    }

    @Test
    public void mapAddedComesFirstWithItsPathsAndMapRemovedLastAfterItsPaths() {
        SourceState before = SourceState.of(List.of(Sans.map(1), Sans.map(2)), List.of());
        SourceState after = SourceState.of(List.of(Sans.map(2), Sans.map(3)), List.of());

        List<TopologyEvent> events = diff.between(topology(before), topology(after), NOW);

        assertEquals(List.of("MapAdded", "PathAdded", "PathAdded", "PathAdded", "PathAdded", "PathRemoved",
                "PathRemoved", "PathRemoved", "PathRemoved", "MapRemoved"), kinds(events));
        assertEquals("wwid-3", ((MapAdded) events.get(0)).map().wwid());
        assertEquals("wwid-1", ((MapRemoved) events.get(9)).map().wwid());
        assertTrue(events.subList(5, 9).stream().allMatch(e -> e.mapWwid().equals("wwid-1")));
    }

    @Test
    public void checkerViewChangeIsAPathCheckerStateChangeAndNeverAFailure() {
        MultipathMap map = Sans.map(1);
        MultipathMap down = map.toBuilder().groups(map.groups().stream().map(group -> PathGroup.of(group.index(),
                group.priority(), group.selector(), group.dmState(), group.paths().stream().map(
                        path -> path.name().equals("sd-1-1") ? path.withChecker("sim", CheckerState.DOWN, "link down")
                                : path).collect(Collectors.toList()))).collect(Collectors.toList())).build();

        List<TopologyEvent> events = diff.between(topology(SourceState.of(List.of(map), List.of())),
                topology(SourceState.of(List.of(down), List.of())), NOW);

        assertEquals(List.of("PathCheckerStateChanged", "MapChanged"), kinds(events));
        PathCheckerStateChanged change = (PathCheckerStateChanged) events.get(0);
        assertEquals(CheckerState.UNCHECKED, change.previous());
        assertEquals(CheckerState.DOWN, change.path().checkerState());
    }

    @Test
    public void unmappedPathsAreAddedAndRemoved() {
        Path spare = Path.builder("sdz", new org.mpathbus.api.DeviceNumber(65, 160)).build();
        Topology without = topology(Sans.state(1));
        Topology with = topology(SourceState.of(Sans.state(1).maps(), List.of(spare)));

        assertEquals(List.of("PathAdded"), kinds(diff.between(without, with, NOW)));
        List<TopologyEvent> removal = diff.between(with, without, NOW);
        assertEquals(List.of("PathRemoved"), kinds(removal));
        assertEquals("", removal.get(0).mapWwid());
    }

    @Test
    public void sequenceNumbersStartAtOneAndNeverSkipAcrossUpdates() {
        SourceState a = Sans.state(2);
        SourceState b = Sans.replace(a, Sans.withPathState(Sans.map(1), "sd-1-1", DmPathState.FAILED));
        SourceState c = SourceState.of(List.of(Sans.map(1), Sans.map(3)), List.of());
        List<TopologyEvent> all = new ArrayList<>();
        all.addAll(diff.between(topology(SourceState.EMPTY), topology(a), NOW));
        all.addAll(diff.between(topology(a), topology(a), NOW));
        all.addAll(diff.between(topology(a), topology(b), NOW));
        all.addAll(diff.between(topology(b), topology(c), NOW));

        for (int i = 0; i < all.size(); i++) {
            assertEquals(i + 1, all.get(i).sequence());
        }
        assertEquals(all.size(), diff.lastSequence());
        assertTrue(all.size() > 20);
    }

    @Test
    public void unchangedMapsContributeNothingWhenAnotherChanges() {
        SourceState before = Sans.state(50);
        MultipathMap changed = Sans.withPathState(Sans.map(17), "sd-17-4", DmPathState.FAILED);
        SourceState after = Sans.replace(before, changed);

        List<TopologyEvent> events = diff.between(topology(before), topology(after), NOW);

        assertTrue(events.stream().allMatch(event -> event.mapWwid().equals("wwid-17")));
        assertSame(changed, ((MapChanged) events.get(events.size() - 1)).after());
    }
}
