package org.mpathbus.exporter.dbus.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.junit.Test;
import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.Path;
import org.mpathbus.api.PathGroup;
import org.mpathbus.api.Topology;

public class ModelDiffTest {

    @Test
    public void aPathFailureChangesOnlyWhatItTouchesOncePerObjectAndInterface() {
        FakeEngine engine = new FakeEngine(3, 4);
        ExportModel before = ModelBuilder.build(engine.topology(), null, "0.1.0", null);
        engine.fail("sdf");
        ExportModel after = ModelBuilder.build(engine.topology(), null, "0.1.0", before);

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
        ExportModel before = ModelBuilder.build(engine.topology(), null, "0.1.0", null);
        engine.removeMap(2);
        ExportModel after = ModelBuilder.build(engine.topology(), null, "0.1.0", before);

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
        ModelDiff back = ModelDiff.between(after, ModelBuilder.build(engine.topology(), null, "0.1.0", after));
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

        ExportModel one = ModelBuilder.build(oneGroup, null, "0.1.0", null);
        ExportModel two = ModelBuilder.build(twoGroups, null, "0.1.0", one);
        ExportModel three = ModelBuilder.build(later, null, "0.1.0", two);

        String secondGroup = ObjectPaths.group(FakeEngine.wwid(0), 2);
        assertEquals("the group and its paths", List.of(secondGroup, ObjectPaths.path("sdc"), ObjectPaths.path("sdd")),
                ModelDiff.between(one, two).added().stream().map(BusObject::path).toList());
        assertSame(two.object(secondGroup), three.object(secondGroup));
        assertTrue(ModelDiff.between(two, three).removed().isEmpty());
    }

    @Test
    public void aModelBuiltFromTheLastOneShowsWhatAModelBuiltFromNothingShows() {
        FakeEngine engine = new FakeEngine(4, 4);
        ExportModel first = ModelBuilder.build(engine.topology(), null, "0.1.0", null);
        engine.fail("sdf");
        ExportModel failed = assertSameAsFromNothing(first, engine.topology());
        engine.removeMap(2);
        ExportModel removed = assertSameAsFromNothing(failed, engine.topology());

        // sdp leaves map 3 for the unmapped list, and the maps are listed in another order
        Topology current = engine.topology();
        MultipathMap three = current.maps().get(FakeEngine.wwid(3));
        PathGroup second = three.groups().get(1);
        MultipathMap shrunk = three.toBuilder().groups(List.of(three.groups().get(0), PathGroup.of(second.index(),
                second.priority(), second.selector(), second.dmState(), second.paths().subList(0, 1)))).build();
        ExportModel moved = assertSameAsFromNothing(removed, Topology.of(10, Instant.now(), "test",
                List.of(shrunk, current.maps().get(FakeEngine.wwid(1)), current.maps().get(FakeEngine.wwid(0))),
                List.of(unmapped(second.paths().get(1))), List.of("sim")));

        // Map 3 loses its second group (sdo joins the unmapped list), map 2 comes back
        engine.addMap(2);
        MultipathMap oneGroup = three.toBuilder().groups(List.of(three.groups().get(0))).build();
        assertSameAsFromNothing(moved, Topology.of(11, Instant.now(), "test",
                List.of(oneGroup, current.maps().get(FakeEngine.wwid(1)), current.maps().get(FakeEngine.wwid(0)),
                        engine.topology().maps().get(FakeEngine.wwid(2))),
                List.of(unmapped(second.paths().get(0)), unmapped(second.paths().get(1))), List.of("sim")));
    }

    /** Builds the model of {@code next} from {@code before} and checks it against one built from nothing. */
    private static ExportModel assertSameAsFromNothing(ExportModel before, Topology next) {
        ExportModel updated = ModelBuilder.build(next, null, "0.1.0", before);
        ExportModel fromNothing = ModelBuilder.build(next, null, "0.1.0", null);
        assertEquals(objectPaths(fromNothing.objects()), objectPaths(updated.objects()));
        for (BusObject expected : fromNothing.objects()) {
            BusObject actual = updated.object(expected.path());
            assertEquals(expected.interfaces().keySet(), actual.interfaces().keySet());
            for (Map.Entry<String, Map<String, Variant<?>>> iface : expected.interfaces().entrySet()) {
                Map<String, Variant<?>> values = actual.interfaces().get(iface.getKey());
                assertEquals(List.copyOf(iface.getValue().keySet()), List.copyOf(values.keySet()));
                iface.getValue().forEach((name, value) -> assertTrue(expected.path() + " " + name + ": " + value
                        + " but " + values.get(name), ModelDiff.sameValue(value, values.get(name))));
            }
        }
        ModelDiff diff = ModelDiff.between(before, updated);
        Set<String> was = Set.copyOf(objectPaths(before.objects()));
        Set<String> is = Set.copyOf(objectPaths(updated.objects()));
        assertEquals(is.stream().filter(path -> !was.contains(path)).collect(Collectors.toSet()),
                Set.copyOf(objectPaths(diff.added())));
        assertEquals(was.stream().filter(path -> !is.contains(path)).collect(Collectors.toSet()),
                Set.copyOf(objectPaths(diff.removed())));
        return updated;
    }

    private static List<String> objectPaths(List<BusObject> objects) {
        return objects.stream().map(BusObject::path).toList();
    }

    private static Path unmapped(Path path) {
        return path.toBuilder().map("", 0).build();
    }

    private static Topology topology(long generation, MultipathMap... maps) {
        return Topology.of(generation, java.time.Instant.now(), "test", List.of(maps), List.of(), List.of("sim"));
    }
}
