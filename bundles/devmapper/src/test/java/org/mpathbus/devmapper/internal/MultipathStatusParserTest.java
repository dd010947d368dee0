package org.mpathbus.devmapper.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.util.List;

import org.junit.Test;
import org.mpathbus.api.DeviceNumber;
import org.mpathbus.api.DmGroupState;
import org.mpathbus.api.DmPathState;

public class MultipathStatusParserTest {

    /** Seen in the lab (LAB.md), all paths up. */
    static final String LAB_STATUS = "2 0 1 0 2 1 A 0 1 2 8:32 A 0 0 1 E 0 1 2 8:16 A 0 0 1";
    /** Seen in the lab after a path failed. */
    static final String LAB_STATUS_FAILED = "2 0 1 0 2 2 E 0 1 2 8:0 F 1 0 1 A 0 1 2 8:48 A 0 0 1";

    @Test
    public void parsesTheLabsStatus() throws ParseException {
        MultipathStatus status = MultipathStatusParser.parse(LAB_STATUS);

        assertEquals(List.of("0", "1"), status.features());
        assertEquals(List.of(), status.hardwareHandler());
        assertEquals(1, status.nextGroup());
        assertEquals(DmGroupState.ACTIVE, status.groups().get(0).state());
        assertEquals(DmGroupState.ENABLED, status.groups().get(1).state());
        assertEquals(new MultipathStatus.PathStatus(new DeviceNumber(8, 32), DmPathState.ACTIVE, 0, List.of("0", "1")),
                status.groups().get(0).paths().get(0));
    }

    @Test
    public void parsesAFailedPath() throws ParseException {
        MultipathStatus status = MultipathStatusParser.parse(LAB_STATUS_FAILED);

        MultipathStatus.PathStatus failed = status.groups().get(0).paths().get(0);
        assertEquals(DmPathState.FAILED, failed.state());
        assertEquals(1, failed.failCount());
        assertEquals(2, status.nextGroup());
        assertEquals(DmGroupState.ACTIVE, status.groups().get(1).state());
    }

    @Test
    public void parsesDisabledGroupsSelectorStatusWordsAndManyPaths() throws ParseException {
        MultipathStatus status = MultipathStatusParser.parse(
                "2 1 0 0 3 0 D 1 x 2 0 8:0 F 12 8:16 A 0 E 0 1 1 8:32 A 0 7 A 0 0 0");

        assertEquals(DmGroupState.DISABLED, status.groups().get(0).state());
        assertEquals(List.of("x"), status.groups().get(0).selectorArgs());
        assertEquals(12, status.groups().get(0).paths().get(0).failCount());
        assertEquals(List.of("7"), status.groups().get(1).paths().get(0).selectorInfo());
        assertEquals(0, status.groups().get(2).paths().size());
    }

    @Test
    public void parsesAMapWithoutGroups() throws ParseException {
        assertEquals(0, MultipathStatusParser.parse("2 1 0 0 0 0").groups().size());
    }

    @Test
    public void refusesUnknownStatesWithTheirPosition() {
        ParseException group = parseFails("2 0 1 0 2 1 X 0 1 2 8:32 A 0 0 1 E 0 1 2 8:16 A 0 0 1");
        assertEquals("X", group.token());
        assertEquals(12, group.offset());
        ParseException path = parseFails("2 0 1 0 2 1 A 0 1 2 8:32 Q 0 0 1 E 0 1 2 8:16 A 0 0 1");
        assertEquals("Q", path.token());
        assertEquals(11, path.tokenIndex());
    }

    @Test
    public void refusesABadFailCountAndABadDevice() {
        assertEquals("x", parseFails("2 0 1 0 1 1 A 0 1 2 8:32 A x 0 1").token());
        assertEquals("8:", parseFails("2 0 1 0 1 1 A 0 1 2 8: A 0 0 1").token());
        assertEquals("99999999999:1", parseFails("2 0 1 0 1 1 A 0 1 2 99999999999:1 A 0 0 1").token());
    }

    private static ParseException parseFails(String line) {
        try {
            MultipathStatusParser.parse(line);
        } catch (ParseException e) {
            return e;
        }
        fail("no ParseException for '" + line + "'");
        return null;
    }
}
