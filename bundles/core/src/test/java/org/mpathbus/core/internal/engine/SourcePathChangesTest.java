package org.mpathbus.core.internal.engine;

import static org.junit.Assert.assertEquals;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.Test;
import org.mpathbus.api.DeviceNumber;
import org.mpathbus.api.DmPathState;
import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.Path;
import org.mpathbus.api.SourceState;

public class SourcePathChangesTest {

    private static SourcePathChanges between(SourceState before, SourceState after) {
        Map<String, MultipathMap> byWwid = new HashMap<>();
        before.maps().forEach(map -> byWwid.put(map.wwid(), map));
        return SourcePathChanges.between(byWwid, before, after);
    }

    private static Set<String> names(List<Path> paths) {
        return paths.stream().map(Path::name).collect(Collectors.toSet());
    }

    @Test
    public void theSameStateChangesNothing() {
        SourceState state = Sans.state(3);
        SourcePathChanges changes = between(state, state);
        assertEquals(List.of(), changes.upserted());
        assertEquals(List.of(), changes.removed());
    }

    @Test
    public void onlyThePathThatChangedInAChangedMapIsUpserted() {
        SourceState before = Sans.state(3);
        SourceState after = Sans.replace(before, Sans.withPathState(Sans.map(2), "sd-2-2", DmPathState.FAILED));
        SourcePathChanges changes = between(before, after);
        assertEquals(Set.of("sd-2-2"), names(changes.upserted()));
        assertEquals(List.of(), changes.removed());
    }

    @Test
    public void aRemovedMapRemovesItsPathsAndAnAddedOneAddsThem() {
        SourceState before = SourceState.of(List.of(Sans.map(1), Sans.map(2)), List.of());
        SourceState after = SourceState.of(List.of(Sans.map(1), Sans.map(3)), List.of());
        SourcePathChanges changes = between(before, after);
        assertEquals(Set.of("sd-3-1", "sd-3-2", "sd-3-3", "sd-3-4"), names(changes.upserted()));
        assertEquals(Set.of("sd-2-1", "sd-2-2", "sd-2-3", "sd-2-4"), names(changes.removed()));
    }

    @Test
    public void aPathLeavingItsMapForTheUnmappedListIsUpsertedNotRemoved() {
        SourceState before = Sans.state(1);
        Path loose = Path.builder("sd-1-4", new DeviceNumber(8, 20)).build();
        SourceState after = SourceState.of(List.of(Sans.withoutPath(Sans.map(1), "sd-1-4")), List.of(loose));
        SourcePathChanges changes = between(before, after);
        assertEquals(List.of(loose), changes.upserted());
        assertEquals(List.of(), changes.removed());
    }
}
