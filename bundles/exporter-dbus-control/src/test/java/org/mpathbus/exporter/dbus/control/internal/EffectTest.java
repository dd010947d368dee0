package org.mpathbus.exporter.dbus.control.internal;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Test;
import org.mpathbus.api.DmPathState;
import org.mpathbus.api.Topology;

public class EffectTest {

    private final Topology san = San.initial("devmapper");

    private static boolean holds(Effect effect, Topology topology) {
        return ((Effect.Shows) effect).holds().test(topology);
    }

    @Test
    public void aPathFailsAndComesBackInTheKernelsView() {
        Topology failed = San.withMapA(san, San.mapA(DmPathState.FAILED, true));
        assertFalse(holds(Effect.pathFailed("sda"), san));
        assertTrue(holds(Effect.pathFailed("sda"), failed));
        assertTrue(holds(Effect.pathActive("sda"), san));
        assertFalse(holds(Effect.pathActive("sda"), failed));
        assertFalse("a path that is gone is neither", holds(Effect.pathFailed("sdq"), san)
                || holds(Effect.pathActive("sdq"), san));
    }

    @Test
    public void aRemovedPathIsInNoMapWhetherUnmappedOrGone() {
        assertFalse(holds(Effect.pathInNoMap("sde"), san));
        assertTrue(holds(Effect.pathInNoMap("sdz"), san));
        assertTrue(holds(Effect.pathInNoMap("sdq"), san));
    }

    @Test
    public void anAddedDeviceIsAPathOfAMap() {
        assertFalse(holds(Effect.deviceInAMap("sdz"), san));
        assertFalse(holds(Effect.deviceInAMap("sdq"), san));
        assertTrue(holds(Effect.deviceInAMap("sde"), san));
    }

    @Test
    public void aFlushedMapIsGone() {
        Topology flushed = San.next(san, List.of(San.mapB()), san.unmappedPaths());
        assertFalse(holds(Effect.mapGone(San.WWID_A, "mpatha"), san));
        assertTrue(holds(Effect.mapGone(San.WWID_A, "mpatha"), flushed));
    }
}
