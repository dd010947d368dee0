package org.mpathbus.core.internal.engine;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotSame;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertSame;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.junit.Test;
import org.mpathbus.api.CheckerState;
import org.mpathbus.api.DmPathState;
import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.MultipathdState;
import org.mpathbus.api.Path;
import org.mpathbus.api.SourceState;
import org.mpathbus.api.Topology;
import org.mpathbus.core.internal.checks.PathCheck;

public class SnapshotAssemblerTest {

    private final SnapshotAssembler assembler = new SnapshotAssembler("tur");
    private long generation;

    private Topology build() {
        return assembler.build(++generation, Instant.EPOCH, "test", false, MultipathdState.NOT_REPORTED);
    }

    @Test
    public void unchangedMapsStayTheSameInstancesAcrossSnapshots() {
        assembler.source(Sans.state(3));
        Topology first = build();
        Topology second = build();
        for (String wwid : first.maps().keySet()) {
            assertSame(first.maps().get(wwid), second.maps().get(wwid));
        }
    }

    @Test
    public void aCheckResultRemergesOnlyItsOwnMap() {
        assembler.installedCheckers(new TreeSet<>(List.of("sim")));
        assembler.source(Sans.state(3));
        Topology before = build();

        assembler.check("sd-2-1", "wwid-2", PathCheck.checked("sim", CheckerState.DOWN, "link down"));
        Topology after = build();

        assertSame(before.maps().get("wwid-1"), after.maps().get("wwid-1"));
        assertSame(before.maps().get("wwid-3"), after.maps().get("wwid-3"));
        assertNotSame(before.maps().get("wwid-2"), after.maps().get("wwid-2"));
        Path path = after.path("sd-2-1").get();
        assertEquals(CheckerState.DOWN, path.checkerState());
        assertEquals("link down", path.checkerMessage());
        assertEquals("the kernel's view is untouched", DmPathState.ACTIVE, path.dmState());
    }

    @Test
    public void pathsWithoutACheckReadUncheckedSayingWhetherTheirCheckerIsInstalled() {
        assembler.source(Sans.state(1));
        assertEquals("no checker 'sim' installed", build().path("sd-1-1").get().checkerMessage());

        assembler.installedCheckers(new TreeSet<>(List.of("sim")));
        Topology topology = build();
        assertEquals(CheckerState.UNCHECKED, topology.path("sd-1-1").get().checkerState());
        assertEquals("", topology.path("sd-1-1").get().checkerMessage());
        assertEquals(List.of("sim"), List.copyOf(topology.checkers()));
    }

    @Test
    public void aPathThatNamesNoCheckerGetsTheDefault() {
        Path spare = Sans.path("sdz", 250, "", 0, DmPathState.UNDEF).toBuilder().checker("").build();
        assembler.source(SourceState.of(List.of(), List.of(spare)));
        assertEquals("tur", build().path("sdz").get().checker());
    }

    @Test
    public void aCheckMadeForAnotherCheckerIsIgnored() {
        assembler.installedCheckers(new TreeSet<>(List.of("sim", "tur")));
        assembler.source(Sans.state(1));
        assembler.check("sd-1-1", "wwid-1", PathCheck.checked("tur", CheckerState.DOWN, "old checker's word"));
        assertEquals(CheckerState.UNCHECKED, build().path("sd-1-1").get().checkerState());
    }

    @Test
    public void checksSurviveASourceUpdateAndAreForgottenWithTheirPath() {
        assembler.installedCheckers(new TreeSet<>(List.of("sim")));
        SourceState state = Sans.state(1);
        assembler.source(state);
        assembler.check("sd-1-1", "wwid-1", PathCheck.checked("sim", CheckerState.UP, "ok"));
        build();

        MultipathMap failed = Sans.withPathState(Sans.map(1), "sd-1-1", DmPathState.FAILED);
        assembler.source(Sans.replace(state, failed));
        Path path = build().path("sd-1-1").get();
        assertEquals(DmPathState.FAILED, path.dmState());
        assertEquals(CheckerState.UP, path.checkerState());

        assembler.pathsChanged(List.of(), List.of(path));
        assembler.source(state);
        assertEquals(CheckerState.UNCHECKED, build().path("sd-1-1").get().checkerState());
    }

    @Test
    public void knowsWhichMapEachSourcePathIsIn() {
        SourceState state = Sans.state(2);
        follow(SourceState.EMPTY, state);
        assertEquals("wwid-2", assembler.mapOf("sd-2-3"));

        Path spare = Sans.map(2).paths().get(2).toBuilder().map("", 0).build();
        SourceState next = SourceState.of(List.of(Sans.withoutPath(Sans.map(2), "sd-2-3")), List.of(spare));
        follow(state, next);
        assertEquals("a path left out of its map is unmapped", "", assembler.mapOf("sd-2-3"));
        assertEquals("wwid-2", assembler.mapOf("sd-2-1"));
        assertNull("a path that left the source has no map", assembler.mapOf("sd-1-1"));
    }

    private void follow(SourceState before, SourceState after) {
        Map<String, MultipathMap> beforeByWwid = new HashMap<>();
        before.maps().forEach(map -> beforeByWwid.put(map.wwid(), map));
        SourcePathChanges changes = SourcePathChanges.between(beforeByWwid, before, after);
        assembler.source(after);
        assembler.pathsChanged(changes.upserted(), changes.removed());
    }
}
