package org.mpathbus.exporter.dbus.control.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import org.junit.Test;
import org.mpathbus.api.control.Outcome;
import org.mpathbus.api.control.Outcome.Kind;
import org.mpathbus.exporter.dbus.spi.BusError;

public class OutcomeErrorsTest {

    private static BusError error(Kind kind, String words) {
        return OutcomeErrors.error(new Outcome(kind, words), "flush map mpatha", "multipathd");
    }

    @Test
    public void eachKindHasItsTypedError() {
        assertEquals(BusError.NOT_FOUND, error(Kind.NOT_FOUND, "").errorName());
        assertEquals(BusError.IN_USE, error(Kind.IN_USE, "").errorName());
        assertEquals(BusError.BUSY, error(Kind.BUSY, "").errorName());
        assertEquals(BusError.TIMEOUT, error(Kind.TIMEOUT, "").errorName());
        assertEquals(BusError.FAILED, error(Kind.REFUSED, "").errorName());
        assertEquals(BusError.FAILED, error(Kind.UNAVAILABLE, "").errorName());
    }

    @Test
    public void theMessageNamesTheTargetAndKeepsTheOwnersWords() {
        assertEquals("flush map mpatha: the map is in use (open or held); multipathd said: map in use",
                error(Kind.IN_USE, "map in use").getMessage());
        assertEquals("flush map mpatha: multipathd cannot be reached; multipathd said: connect: No such file or"
                + " directory", error(Kind.UNAVAILABLE, "connect: No such file or directory").getMessage());
        assertEquals("flush map mpatha: multipathd does not know it", error(Kind.NOT_FOUND, "").getMessage());
    }

    @Test
    public void okIsNoError() {
        assertThrows(IllegalArgumentException.class, () -> error(Kind.OK, ""));
    }
}
