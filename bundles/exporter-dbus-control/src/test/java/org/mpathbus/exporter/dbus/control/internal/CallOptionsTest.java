package org.mpathbus.exporter.dbus.control.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.Test;
import org.mpathbus.exporter.dbus.spi.BusError;

public class CallOptionsTest {

    @Test
    public void withoutOptionsTheTimeoutIsThirtySeconds() throws BusError {
        assertEquals(Duration.ofSeconds(30), CallOptions.parse(Map.of()).timeout());
    }

    @Test
    public void theTimeoutIsAnyDbusNumberOfSeconds() throws BusError {
        assertEquals(Duration.ofSeconds(5), timeout((byte) 5));
        assertEquals(Duration.ofSeconds(7), timeout(7));
        assertEquals(Duration.ofSeconds(600), timeout(600L));
        assertEquals(Duration.ofMillis(1500), timeout(1.5));
    }

    @Test
    public void aTimeoutOutOfRangeIsRefusedSayingTheRange() {
        for (Object bad : new Object[] {0, -1, 601, 600.5, Double.NaN, Long.MAX_VALUE}) {
            BusError error = assertThrows(BusError.class, () -> timeout(bad));
            assertEquals(BusError.INVALID_ARGS, error.errorName());
            assertTrue(error.getMessage(), error.getMessage().contains("'timeout' must be more than 0 and at most 600"));
        }
    }

    @Test
    public void aTimeoutThatIsNoNumberIsRefusedSayingWhatCame() {
        BusError text = assertThrows(BusError.class, () -> timeout("30"));
        assertEquals(BusError.INVALID_ARGS, text.errorName());
        assertEquals("option 'timeout' must be a number of seconds, not String '30'", text.getMessage());
        BusError bool = assertThrows(BusError.class, () -> timeout(Boolean.TRUE));
        assertTrue(bool.getMessage(), bool.getMessage().endsWith("not Boolean 'true'"));
    }

    @Test
    public void theExportersPolkitOptionIsAccepted() throws BusError {
        assertEquals(Duration.ofSeconds(2),
                CallOptions.parse(Map.of("auth.no_user_interaction", true, "timeout", 2)).timeout());
    }

    @Test
    public void anUnknownOptionIsRefusedByName() {
        BusError error = assertThrows(BusError.class, () -> CallOptions.parse(Map.of("timout", 5)));
        assertEquals(BusError.INVALID_ARGS, error.errorName());
        assertEquals("unknown option 'timout' (known: timeout, auth.no_user_interaction)", error.getMessage());
    }

    private static Duration timeout(Object value) throws BusError {
        return CallOptions.parse(Map.of("timeout", value)).timeout();
    }
}
