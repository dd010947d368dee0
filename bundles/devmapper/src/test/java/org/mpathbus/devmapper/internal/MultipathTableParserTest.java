package org.mpathbus.devmapper.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.fail;

import java.util.List;

import org.junit.Test;
import org.mpathbus.api.DeviceNumber;

public class MultipathTableParserTest {

    /** Seen in the lab (LAB.md): two ALUA groups of one path each, service-time. */
    static final String LAB_TABLE = "0 1 alua 2 1 service-time 0 1 2 8:32 1 1 service-time 0 1 2 8:16 1 1";

    @Test
    public void parsesTheLabsTable() throws ParseException {
        MultipathTable table = MultipathTableParser.parse(LAB_TABLE);

        assertEquals(List.of(), table.features());
        assertEquals(List.of("alua"), table.hardwareHandler());
        assertEquals("1 alua", table.hardwareHandlerText());
        assertEquals(1, table.initialGroup());
        assertEquals(2, table.groups().size());
        MultipathTable.Group first = table.groups().get(0);
        assertEquals("service-time", first.selector());
        assertEquals("service-time 0", first.selectorText());
        assertEquals(List.of(new MultipathTable.PathSpec(new DeviceNumber(8, 32), List.of("1", "1"))), first.paths());
        assertEquals(new DeviceNumber(8, 16), table.groups().get(1).paths().get(0).device());
    }

    @Test
    public void parsesFeaturesWithArgumentsAndHandlerWithArguments() throws ParseException {
        MultipathTable table = MultipathTableParser.parse(
                "3 queue_if_no_path pg_init_retries 50 2 emc 1 1 1 round-robin 0 2 1 65:16 1000 65:32 1000");

        assertEquals(List.of("queue_if_no_path", "pg_init_retries", "50"), table.features());
        assertEquals("2 emc 1", table.hardwareHandlerText());
        assertEquals(2, table.groups().get(0).paths().size());
        assertEquals(List.of("1000"), table.groups().get(0).paths().get(1).args());
    }

    @Test
    public void parsesSelectorsWithArgumentsAndDifferentPathArgumentCounts() throws ParseException {
        MultipathTable table = MultipathTableParser.parse("1 retain_attached_hw_handler 0 3 2 "
                + "round-robin 1 rr_min_io 2 1 8:0 1000 8:64 1000 "
                + "queue-length 0 1 1 8:16 1 "
                + "historical-service-time 2 4 1 1 0 259:3");

        assertEquals(2, table.initialGroup());
        assertEquals("round-robin 1 rr_min_io", table.groups().get(0).selectorText());
        assertEquals(List.of("1"), table.groups().get(1).paths().get(0).args());
        assertEquals("historical-service-time 2 4 1", table.groups().get(2).selectorText());
        assertEquals(List.of(), table.groups().get(2).paths().get(0).args());
        assertEquals(new DeviceNumber(259, 3), table.groups().get(2).paths().get(0).device());
    }

    @Test
    public void parsesAMapWithoutGroups() throws ParseException {
        MultipathTable table = MultipathTableParser.parse("1 queue_if_no_path 0 0 0");

        assertEquals(0, table.groups().size());
        assertEquals("", table.hardwareHandlerText());
    }

    @Test
    public void namesTheWordThatBreaksTheGrammar() {
        ParseException e = parseFails("0 1 alua 2 1 service-time 0 1 2 8:32 1 1 service-time 0 1 2 sdb 1 1");
        assertEquals("sdb", e.token());
        assertEquals(16, e.tokenIndex());
        assertEquals(LAB_TABLE.indexOf("8:16"), e.offset());
    }

    @Test
    public void aCountBeyondTheLineIsRefusedAtTheCount() {
        ParseException e = parseFails("5 queue_if_no_path 0 0 0");
        assertEquals("5", e.token());
        assertEquals(0, e.offset());
    }

    @Test
    public void aTruncatedLineIsRefusedAtItsEnd() {
        String truncated = LAB_TABLE.substring(0, LAB_TABLE.indexOf("service-time") + "service-time".length());
        ParseException e = parseFails(truncated);
        assertNull(e.token());
        assertEquals(truncated.length(), e.offset());
    }

    @Test
    public void aPathArgumentCountBeyondTheLineIsRefusedAtTheCount() {
        String truncated = LAB_TABLE.substring(0, LAB_TABLE.lastIndexOf(" 1 1"));
        ParseException e = parseFails(truncated);
        assertEquals("2", e.token());
        assertEquals(truncated.lastIndexOf(" 2 ") + 1, e.offset());
    }

    @Test
    public void trailingWordsAreRefused() {
        ParseException e = parseFails(LAB_TABLE + " 7");
        assertEquals("7", e.token());
    }

    @Test
    public void anInitialGroupBeyondTheGroupsIsRefused() {
        assertEquals("3", parseFails("0 0 2 3 round-robin 0 0 0 round-robin 0 0 0").token());
    }

    @Test
    public void emptyAndNegativeInputIsRefused() {
        assertNull(parseFails("").token());
        assertEquals("-1", parseFails("-1").token());
    }

    private static ParseException parseFails(String line) {
        try {
            MultipathTableParser.parse(line);
        } catch (ParseException e) {
            assertEquals(line, e.line());
            return e;
        }
        fail("no ParseException for '" + line + "'");
        return null;
    }
}
