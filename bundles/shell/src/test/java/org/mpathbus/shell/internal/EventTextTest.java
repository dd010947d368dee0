package org.mpathbus.shell.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.mpathbus.api.CheckerState;
import org.mpathbus.api.DmPathState;
import org.mpathbus.api.MultipathMap;
import org.mpathbus.api.Path;
import org.mpathbus.api.event.MapChanged;
import org.mpathbus.api.event.MapRemoved;
import org.mpathbus.api.event.PathCheckerStateChanged;
import org.mpathbus.api.event.PathDmStateChanged;
import org.mpathbus.api.event.PathFailed;
import org.mpathbus.api.event.PathRemoved;
import org.mpathbus.api.event.PolicyChanged;
import org.mpathbus.api.event.TopologyEvent;

public class EventTextTest {

    private static final Instant T = Instant.parse("2026-11-24T07:10:33.123456Z");

    private final EventText format = new EventText(ZoneOffset.UTC, Map.of(Fixtures.WWID_A, "mpatha")::get);

    private final MultipathMap mpatha = Fixtures.mpatha();
    private final Path sdd = mpatha.groups().get(0).paths().get(1);

    private final List<TopologyEvent> failure = List.of(
            new PathDmStateChanged(41, T, sdd, DmPathState.ACTIVE),
            new PathCheckerStateChanged(42, T, sdd, CheckerState.UP),
            new PathFailed(43, T, sdd, 2),
            new PolicyChanged(44, T, mpatha, PolicyChanged.ACTIVE_GROUP),
            new MapChanged(45, T, mpatha, mpatha),
            new MapRemoved(46, T, Fixtures.byWwid()));

    @Test
    public void oneReadableLinePerEvent() {
        assertEquals("#41 2026-11-24 07:10:33.123 path-dm-state mpatha sdd active -> failed\n"
                + "#42 2026-11-24 07:10:33.123 path-checker-state mpatha sdd up -> down \"tur: \\\"not ready\\\"\"\n"
                + "#43 2026-11-24 07:10:33.123 path-failed mpatha sdd valid_paths=2\n"
                + "#44 2026-11-24 07:10:33.123 policy-changed mpatha active_group=1\n"
                + "#45 2026-11-24 07:10:33.123 map-changed mpatha valid_paths=2/3\n"
                + "#46 2026-11-24 07:10:33.123 map-removed 3600a098038303053453f463045727a41\n",
                format.text(failure));
    }

    @Test
    public void aPathOfAMapNoLongerKnownIsNamedByWwid() {
        EventText forgetful = new EventText(ZoneOffset.UTC, wwid -> null);
        assertTrue(forgetful.text(failure.subList(2, 3)).contains("path-failed " + Fixtures.WWID_A + " sdd"));
    }

    @Test
    public void pathsOfARemovedMapTakeItsNameFromTheMapEvent() {
        EventText forgetful = new EventText(ZoneOffset.UTC, wwid -> null);
        MultipathMap removed = Fixtures.mpatha();
        String text = forgetful.text(List.of(new PathRemoved(7, T, sdd), new MapRemoved(8, T, removed)));
        assertTrue(text, text.contains(" path-removed mpatha sdd\n"));
    }

    @Test
    public void saysSoWhenThereAreNoEvents() {
        assertEquals("no events yet\n", format.text(List.of()));
    }

    @Test
    public void jsonCarriesSequenceTimeKindMapAndPath() {
        String json = format.json(failure.subList(2, 3));
        assertEquals("{\n"
                + "   \"events\": [\n"
                + "      {\n"
                + "         \"sequence\": 43,\n"
                + "         \"time\": \"2026-11-24T07:10:33.123456Z\",\n"
                + "         \"kind\": \"path-failed\",\n"
                + "         \"uuid\": \"" + Fixtures.WWID_A + "\",\n"
                + "         \"map\": \"mpatha\",\n"
                + "         \"path\": \"sdd\",\n"
                + "         \"detail\": \"valid_paths=2\"\n"
                + "      }\n"
                + "   ]\n"
                + "}\n", json);
    }
}
