package org.mpathbus.core.internal.engine;

import static org.junit.Assert.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.Test;

public class WantedSourceTest {

    private static final Path MISSING = Path.of("/nonexistent/mapper/control");

    @Test
    public void configurationWinsOverTheFrameworkProperty() {
        assertEquals("devmapper", WantedSource.resolve(" devmapper ", "simulator", MISSING));
    }

    @Test
    public void emptyConfigurationTakesTheFrameworkPropertyElseTheSimulator() {
        assertEquals("devmapper", WantedSource.resolve("", "devmapper", MISSING));
        assertEquals("simulator", WantedSource.resolve("", null, MISSING));
        assertEquals("simulator", WantedSource.resolve("", "  ", MISSING));
    }

    @Test
    public void autoTakesDeviceMapperOnlyWhenItsControlNodeIsWritable() throws Exception {
        assertEquals("simulator", WantedSource.resolve("auto", null, MISSING));
        Path control = Files.createTempFile("control", "");
        try {
            assertEquals("devmapper", WantedSource.resolve("", "auto", control));
        } finally {
            Files.delete(control);
        }
    }
}
