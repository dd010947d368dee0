package org.mpathbus.exporter.dbus.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.freedesktop.dbus.types.UInt32;
import org.junit.Test;

public class ModelDiffTest {

    @Test
    public void aPathFailureChangesOnlyWhatItTouchesOncePerObjectAndInterface() {
        FakeEngine engine = new FakeEngine(3, 4);
        ExportModel before = ExportModel.build(engine.topology(), "0.1.0", null);
        engine.fail("sdf");
        ExportModel after = ExportModel.build(engine.topology(), "0.1.0", before);

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
        ExportModel before = ExportModel.build(engine.topology(), "0.1.0", null);
        engine.removeMap(2);
        ExportModel after = ExportModel.build(engine.topology(), "0.1.0", before);

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
        ModelDiff back = ModelDiff.between(after, ExportModel.build(engine.topology(), "0.1.0", after));
        assertEquals(objects, back.added().stream().map(BusObject::path).toList());
    }
}
