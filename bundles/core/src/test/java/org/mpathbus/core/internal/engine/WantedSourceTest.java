package org.mpathbus.core.internal.engine;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class WantedSourceTest {

    @Test
    public void configurationWinsOverTheFrameworkProperty() {
        assertEquals("devmapper", WantedSource.resolve(" devmapper ", "simulator"));
    }

    @Test
    public void emptyConfigurationTakesTheFrameworkPropertyElseTheSimulator() {
        assertEquals("devmapper", WantedSource.resolve("", "devmapper"));
        assertEquals("simulator", WantedSource.resolve("", null));
        assertEquals("simulator", WantedSource.resolve("", "  "));
    }

    @Test
    public void autoIsLeftForTheSourcesToSettle() {
        assertEquals("auto", WantedSource.resolve("auto", null));
        assertEquals("auto", WantedSource.resolve("", "auto"));
    }
}
