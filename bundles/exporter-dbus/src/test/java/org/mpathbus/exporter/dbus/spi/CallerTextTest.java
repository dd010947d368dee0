package org.mpathbus.exporter.dbus.spi;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.Map;

import org.junit.Test;

public class CallerTextTest {

    @Test
    public void everyLineBreakingOrInvisibleCharacterIsEscaped() {
        assertEquals("x\\n2026 INFO by uid 0\\r\\t\\u2028\\u2029\\u0085\\u001b[2J\\u200e\\\\n",
                CallerText.quote("x\n2026 INFO by uid 0\r\t\u2028\u2029\u0085\u001b[2J\u200e\\n"));
        assertEquals("an unpaired surrogate is escaped, a pair kept", "\\ud800 \ud83d\ude00",
                CallerText.quote("\ud800 \ud83d\ude00"));
    }

    @Test
    public void aLongTextIsCutAndSaysHowLongItWas() {
        String quoted = CallerText.quote("a".repeat(30_000_000));
        assertEquals("a".repeat(CallerText.MAX_CHARS) + "... (30000000 chars in all)", quoted);
        assertTrue(CallerText.quote(Map.of("k\n", "v")).contains("k\\n"));
    }
}
