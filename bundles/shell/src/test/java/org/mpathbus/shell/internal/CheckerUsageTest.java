package org.mpathbus.shell.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.Test;

public class CheckerUsageTest {

    @Test
    public void listsInstalledCheckersWithTheirPathsAndMissingOnes() {
        List<CheckerUsage.Checker> checkers = CheckerUsage.of(Fixtures.topology());
        assertEquals(List.of(
                new CheckerUsage.Checker("directio", false, List.of("sdaa")),
                new CheckerUsage.Checker("sim", true, List.of()),
                new CheckerUsage.Checker("tur", true, List.of("sdb", "sdc", "sdd", "sde"))), checkers);
    }

    @Test
    public void textMarksMissingCheckersAndCountsTheirPaths() {
        assertEquals("CHECKER   INSTALLED  PATHS  USED BY\n"
                + "directio  MISSING    1      sdaa\n"
                + "sim       yes        0      \n"
                + "tur       yes        4      sdb sdc sdd sde\n"
                + "1 path(s) name a checker that is not installed; they stay unchecked\n",
                CheckerUsage.text(Fixtures.topology()));
    }

    @Test
    public void jsonListsEveryPath() {
        String json = CheckerUsage.json(Fixtures.topology());
        assertTrue(json, json.contains("\"name\": \"directio\",\n         \"installed\": false,\n         \"paths\": [\n"
                + "            \"sdaa\"\n         ]"));
        assertTrue(json, json.contains("\"name\": \"sim\",\n         \"installed\": true,\n         \"paths\": []"));
    }
}
