package org.mpathbus.simulator.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.lang.annotation.Annotation;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.Test;
import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.Path;
import org.mpathbus.api.ScsiAddress;

public class SanShapeTest {

    @Test
    public void defaultsMatchTheConfiguration() {
        SanShape shape = SanShape.from(new Config());
        assertEquals(SanShape.of(4, 4, 2), shape);
    }

    @Test
    public void badValuesAreRefusedNamingTheKey() {
        expectRefusal("paths_per_map must be at least 1, not 0", () -> new SanShape(4, 0, 1, 2, "sim", 1, SanShape.of(1, 1, 1).identity(), true, true, false));
        expectRefusal("path_groups_per_map must be between 1 and paths_per_map (2), not 3", () -> SanShape.of(4, 2, 3));
        expectRefusal("maps must not be negative, not -1", () -> SanShape.of(-1, 2, 1));
        expectRefusal("hosts must be between 1 and 256, not 0", () -> SanShape.of(4, 2, 1).withHosts(0));
        expectRefusal("maps x paths_per_map must not exceed 65536 paths, not 80000", () -> SanShape.of(20_000, 4, 2));
        Config badSize = new Config();
        badSize.sizeMb = 0;
        expectRefusal("map_size_mb must be between 1 and", () -> SanShape.from(badSize));
        Config badFailback = new Config();
        badFailback.failback = "followover";
        expectRefusal("failback must be manual or immediate, not 'followover'", () -> SanShape.from(badFailback));
    }

    @Test
    public void moreHostsSpreadEachGroupOverMoreHbas() {
        SimulatedSan san = new SimulatedSan(SanShape.of(1, 4, 2).withHosts(4));
        MultipathMap map = san.state().maps().get(0);
        assertEquals(List.of(new ScsiAddress(2, 0, 0, 0), new ScsiAddress(3, 0, 0, 0)), addresses(map, 0));
        assertEquals(List.of(new ScsiAddress(4, 0, 0, 0), new ScsiAddress(5, 0, 0, 0)), addresses(map, 1));
        assertEquals("0000:3c:00.1", map.groups().get(1).paths().get(1).transport().hostAdapter());
    }

    private static List<ScsiAddress> addresses(MultipathMap map, int group) {
        return map.groups().get(group).paths().stream().map(Path::scsiAddress).collect(Collectors.toList());
    }

    private static void expectRefusal(String message, Runnable action) {
        try {
            action.run();
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage(), e.getMessage().startsWith(message));
            return;
        }
        throw new AssertionError("accepted, expected: " + message);
    }

    /** The configuration with its defaults, as ConfigAdmin hands it over when no .cfg sets a key. */
    private static final class Config implements SimulatorConfiguration {
        long sizeMb = 10240;
        String failback = "manual";

        @Override public int maps() { return 4; }
        @Override public int paths__per__map() { return 4; }
        @Override public int path__groups__per__map() { return 2; }
        @Override public int hosts() { return 2; }
        @Override public String checker() { return "sim"; }
        @Override public long map__size__mb() { return sizeMb; }
        @Override public String vendor() { return "LIO-ORG"; }
        @Override public String product() { return "mpathbus-sim"; }
        @Override public String revision() { return "4.0"; }
        @Override public boolean user__friendly__names() { return true; }
        @Override public boolean queue__if__no__path() { return true; }
        @Override public String failback() { return failback; }

        @Override
        public Class<? extends Annotation> annotationType() {
            return SimulatorConfiguration.class;
        }
    }
}
