package org.mpathbus.exporter.dbus.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.Test;
import org.mpathbus.exporter.dbus.spi.BusError;

public class ArgumentLimitsTest {

    private static final String METHOD = "org.mpathbus.Multipath1.WwidControl.AddWwid";

    @Test
    public void aLongArgumentIsRefusedByPositionAndSizeWithoutBeingQuoted() {
        String wwid = "3".repeat(ArgumentLimits.MAX_STRING_CHARS + 1);
        BusError refused = assertThrows(BusError.class,
                () -> ArgumentLimits.checkArguments(METHOD, List.of("ok", wwid)));
        assertEquals(BusError.INVALID_ARGS, refused.errorName());
        assertEquals(METHOD + ": argument 2 is 257 characters; at most 256", refused.getMessage());
        assertFalse(refused.getMessage().contains("333"));
    }

    @Test
    public void optionsAreBoundInCountKeyAndNestedValues() throws BusError {
        ArgumentLimits.checkOptions(METHOD, Map.of("timeout", 3, "auth.no_user_interaction", true));
        Map<String, Object> many = new HashMap<>();
        for (int i = 0; i <= ArgumentLimits.MAX_OPTIONS; i++) {
            many.put("k" + i, i);
        }
        assertTrue(assertThrows(BusError.class, () -> ArgumentLimits.checkOptions(METHOD, many)).getMessage()
                .endsWith("options have 17 entries; at most 16"));
        String key = "k".repeat(ArgumentLimits.MAX_OPTION_KEY_CHARS + 1);
        assertTrue(assertThrows(BusError.class, () -> ArgumentLimits.checkOptions(METHOD, Map.of(key, 1)))
                .getMessage().endsWith("an option's name is 65 characters; at most 64"));
        List<Object> nested = List.of(List.of("x".repeat(300)));
        assertTrue(assertThrows(BusError.class, () -> ArgumentLimits.checkOptions(METHOD, Map.of("n", nested)))
                .getMessage().endsWith("option n is 300 characters; at most 256"));
        List<Integer> wide = java.util.Collections.nCopies(ArgumentLimits.MAX_ELEMENTS + 1, 1);
        assertTrue(assertThrows(BusError.class, () -> ArgumentLimits.checkOptions(METHOD, Map.of("w", wide)))
                .getMessage().endsWith("option w has 17 elements; at most 16"));
    }

    @Test
    public void aWholeCallIsBoundByItsWireSize() {
        assertNull(ArgumentLimits.oversized(ArgumentLimits.MAX_CALL_BYTES));
        assertEquals("the call is 16385 bytes; no method of org.mpathbus.Multipath1 takes more than 16384",
                ArgumentLimits.oversized(ArgumentLimits.MAX_CALL_BYTES + 1));
    }
}
