package org.mpathbus.simulator.internal;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class SourceChoiceTest {

    @Test
    public void theEnginesConfiguredSourceWinsOverTheFrameworkProperty() {
        assertEquals("devmapper", SourceChoice.chosenSource(" devmapper ", "simulator", false));
        assertEquals("simulator", SourceChoice.chosenSource("", "simulator", true));
        assertEquals("devmapper", SourceChoice.chosenSource("", "devmapper", false));
    }

    @Test
    public void nothingSetMeansTheSimulatorAndAutoMeansDevmapperWhereItsControlNodeIsWritable() {
        assertEquals("simulator", SourceChoice.chosenSource("", null, true));
        assertEquals("devmapper", SourceChoice.chosenSource("auto", null, true));
        assertEquals("simulator", SourceChoice.chosenSource("", "auto", false));
    }
}
