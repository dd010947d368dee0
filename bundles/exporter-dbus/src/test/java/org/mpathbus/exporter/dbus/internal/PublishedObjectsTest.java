package org.mpathbus.exporter.dbus.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Optional;

import org.junit.Test;
import org.mpathbus.api.Topology;

public class PublishedObjectsTest {

    private final FakeEngine engine = new FakeEngine(3, 4);
    private final Topology topology = engine.topology();
    private final PublishedObjects objects = new PublishedObjects(new BusRouter(() -> 0));

    @Test
    public void objectPathsLeadBackToTheModel() {
        var map = topology.maps().get(FakeEngine.wwid(2));
        String mapPath = objects.objectPath(map);
        assertEquals(Optional.of(map), objects.map(topology, mapPath));
        assertEquals(Optional.of(map), objects.map(topology, mapPath + "/groups/2"));
        assertEquals(Optional.of(map.groups().get(1)), objects.group(topology, mapPath + "/groups/2"));
        var path = topology.paths().get("sdj");
        assertEquals(Optional.of(path), objects.path(topology, objects.objectPath(path)));
    }

    @Test
    public void otherPathsFindNothing() {
        String mapPath = ObjectPaths.map(FakeEngine.wwid(2));
        for (String wrong : new String[] {mapPath + "/groups/9", mapPath + "/groups/x", mapPath + "x",
                ObjectPaths.MAPS + "/_zz", ObjectPaths.ROOT, "/", ObjectPaths.path("sdzz")}) {
            assertTrue(wrong, objects.group(topology, wrong).isEmpty());
            assertTrue(wrong, objects.path(topology, wrong).isEmpty());
        }
        assertTrue(objects.map(topology, mapPath + "x").isEmpty());
        assertTrue(objects.map(topology, ObjectPaths.path("sda")).isEmpty());
    }

    @Test
    public void unescapeUndoesEscape() {
        for (String name : new String[] {"naa.6001405", "", "sd_a", "ü/x", "36001405"}) {
            assertEquals(name, ObjectPaths.unescape(ObjectPaths.escape(name)));
        }
        assertEquals(null, ObjectPaths.unescape("a_z1"));
        assertEquals(null, ObjectPaths.unescape("a_2"));
        assertEquals(null, ObjectPaths.unescape("naa_2E6001405"));
    }
}
