package org.mpathbus.api;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertSame;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.Test;

/** The model's value classes: built only by builders, equal by every attribute, immutable. */
public class PathTest {

    private static Path.Builder sdb() {
        return Path.builder("sdb", new DeviceNumber(8, 16)).wwid("3600a").map("3600a", 1).dmState(DmPathState.ACTIVE)
                .checker("tur").checkerState(CheckerState.UP).priority(50).deviceTimeout(Duration.ofSeconds(30));
    }

    @Test
    public void aPathIsEqualToItsCopyAndDiffersInAnyAttribute() {
        Path path = sdb().build();
        assertEquals(path, path.toBuilder().build());
        assertEquals(path.hashCode(), path.toBuilder().build().hashCode());
        assertEquals(path.toString(), path.toBuilder().build().toString());
        List<Path> others = List.of(sdb().failCount(1).build(), sdb().blacklistedBy("devnode \"^sdb$\" (built-in)").build(),
                sdb().deviceTimeout(Duration.ofSeconds(60)).build(), sdb().checkerMessage("ok").build(),
                sdb().map("", 0).build(), sdb().sizeBytes(512).build(), sdb().priority(10).build());
        for (Path other : others) {
            assertNotEquals(other.toString(), path, other);
        }
    }

    @Test
    public void unsetAttributesAreNeutral() {
        Path path = Path.builder("sdc", new DeviceNumber(8, 32)).build();
        assertEquals("", path.blacklistedBy());
        assertFalse(path.isBlacklisted());
        assertFalse(path.isMapped());
        assertEquals(Duration.ZERO, path.deviceTimeout());
        assertEquals(-1, path.priority());
        assertEquals(CheckerState.UNCHECKED, path.checkerState());
        assertEquals("/dev/sdc", path.devicePath());
        assertTrue(sdb().blacklistedBy("wwid \"^3600a\" (/etc/multipath.conf:3)").build().isBlacklisted());
    }

    @Test
    public void anAttributeThatCannotBeEmptyIsRefused() {
        NullPointerException refused = assertThrows(NullPointerException.class, () -> sdb().blacklistedBy(null).build());
        assertEquals("blacklistedBy", refused.getMessage());
        assertThrows(NullPointerException.class, () -> Path.builder(null, new DeviceNumber(8, 0)).build());
    }

    @Test
    public void theSameCheckerViewKeepsTheSameInstance() {
        Path path = sdb().build();
        assertSame(path, path.withChecker("tur", CheckerState.UP, ""));
        assertEquals(CheckerState.DOWN, path.withChecker("tur", CheckerState.DOWN, "no").checkerState());
    }

    @Test
    public void mapsAndGroupsCopyWhatTheyAreGiven() {
        List<Path> paths = new ArrayList<>(List.of(sdb().build()));
        PathGroup group = PathGroup.of(1, 50, "service-time 0", DmGroupState.ACTIVE, paths);
        paths.clear();
        assertEquals(1, group.paths().size());
        assertThrows(UnsupportedOperationException.class, () -> group.paths().clear());
        MultipathMap map = MultipathMap.builder("3600a", "mpatha", new DeviceNumber(253, 0)).groups(List.of(group))
                .features(List.of("queue_if_no_path")).build();
        assertEquals(map, map.toBuilder().build());
        assertNotEquals(map, map.toBuilder().eventNumber(2).build());
        assertEquals("on", map.queueing());
        assertEquals(1, map.validPathCount());
        assertEquals(group, PathGroup.builder(1).priority(50).selector("service-time 0").dmState(DmGroupState.ACTIVE)
                .paths(group.paths()).build());
    }

    @Test
    public void kernelNamesAreListedShorterFirst() {
        List<String> names = new ArrayList<>(List.of("sdaa", "sdb", "sda", "sdz"));
        names.sort(Path.KERNEL_NAME_ORDER);
        assertEquals(List.of("sda", "sdb", "sdz", "sdaa"), names);
    }
}
