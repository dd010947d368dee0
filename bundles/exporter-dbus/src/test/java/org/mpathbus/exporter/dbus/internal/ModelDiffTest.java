package org.mpathbus.exporter.dbus.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.freedesktop.dbus.types.UInt32;
import org.junit.Test;
import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.PathGroup;
import org.mpathbus.api.Topology;

public class ModelDiffTest {

    @Test
    public void aPathFailureChangesOnlyWhatItTouchesOncePerObjectAndInterface() {
        FakeEngine engine = new FakeEngine(3, 4);
        ExportModel before = ExportModel.build(engine.topology(), null, "0.1.0", null);
        engine.fail("sdf");
        ExportModel after = ExportModel.build(engine.topology(), null, "0.1.0", before);

        ModelDiff diff = ModelDiff.between(before, after);

        assertTrue(diff.added().isEmpty());
        assertTrue(diff.removed().isEmpty());
        Map<String, ModelDiff.Change> changes = diff.changed().stream()
                .collect(Collectors.toMap(ModelDiff.Change::path, change -> change));
        assertEquals("manager, map 1, path sdf", 3, changes.size());
        assertEquals(List.of("Generation"), List.copyOf(changes.get(ObjectPaths.ROOT).properties().keySet()));
        Map<String, ?> map = changes.get(ObjectPaths.map(FakeEngine.wwid(1))).properties();
        assertEquals(List.of("ValidPathCount", "Health"), List.copyOf(map.keySet()));
        assertEquals(new UInt32(3), changes.get(ObjectPaths.map(FakeEngine.wwid(1))).properties()
                .get("ValidPathCount").getValue());
        assertEquals(List.of("DmState", "CheckerState", "CheckerMessage", "FailCount"),
                List.copyOf(changes.get(ObjectPaths.path("sdf")).properties().keySet()));
        assertSame("untouched maps keep their objects", before.object(ObjectPaths.map(FakeEngine.wwid(0))),
                after.object(ObjectPaths.map(FakeEngine.wwid(0))));
    }

    @Test
    public void removedAndAddedMapsTakeTheirGroupsAndPathsAlongAndTheManagerListsFollow() {
        FakeEngine engine = new FakeEngine(3, 4);
        ExportModel before = ExportModel.build(engine.topology(), null, "0.1.0", null);
        engine.removeMap(2);
        ExportModel after = ExportModel.build(engine.topology(), null, "0.1.0", before);

        ModelDiff diff = ModelDiff.between(before, after);

        String map = ObjectPaths.map(FakeEngine.wwid(2));
        List<String> objects = List.of(map, map + "/groups/1", map + "/groups/2", ObjectPaths.path("sdi"),
                ObjectPaths.path("sdj"), ObjectPaths.path("sdk"), ObjectPaths.path("sdl"));
        assertEquals(objects, diff.removed().stream().map(BusObject::path).toList());
        Map<String, ?> manager = diff.changed().get(0).properties();
        assertTrue(manager.containsKey("Maps"));
        assertTrue(manager.containsKey("Paths"));
        assertTrue(manager.containsKey("Generation"));

        engine.addMap(2);
        ModelDiff back = ModelDiff.between(after, ExportModel.build(engine.topology(), null, "0.1.0", after));
        assertEquals(objects, back.added().stream().map(BusObject::path).toList());
    }

    @Test
    public void aMapThatGainsAPathGroupKeepsItInLaterModels() {
        FakeEngine engine = new FakeEngine(2, 4);
        Topology first = engine.topology();
        MultipathMap map = first.maps().get(FakeEngine.wwid(0));
        PathGroup only = map.groups().get(0);
        Topology oneGroup = topology(2, map.toBuilder().groups(List.of(only)).build(), first.maps().get(FakeEngine.wwid(1)));
        Topology twoGroups = topology(3, map, first.maps().get(FakeEngine.wwid(1)));
        engine.fail("sdf");
        Topology later = topology(4, map, engine.topology().maps().get(FakeEngine.wwid(1)));

        ExportModel one = ExportModel.build(oneGroup, null, "0.1.0", null);
        ExportModel two = ExportModel.build(twoGroups, null, "0.1.0", one);
        ExportModel three = ExportModel.build(later, null, "0.1.0", two);

        String secondGroup = ObjectPaths.group(FakeEngine.wwid(0), 2);
        assertEquals("the group and its paths", List.of(secondGroup, ObjectPaths.path("sdc"), ObjectPaths.path("sdd")),
                ModelDiff.between(one, two).added().stream().map(BusObject::path).toList());
        assertSame(two.object(secondGroup), three.object(secondGroup));
        assertTrue(ModelDiff.between(two, three).removed().isEmpty());
    }

    private static Topology topology(long generation, MultipathMap... maps) {
        return new Topology(generation, java.time.Instant.now(), "test", List.of(maps), List.of(), List.of("sim"));
    }
}
