package org.mpathbus.config.internal;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import org.junit.Test;

public class PosixRegexTest {

    private static boolean matches(String posix, String text) {
        return PosixRegex.matches(PosixRegex.compile(posix), text);
    }

    @Test
    public void unanchoredSearch() {
        assertTrue(matches("bar", "rhabarber"));
        assertFalse(matches("^bar", "rhabarber"));
        assertFalse(matches("bar", "BAR"));
    }

    @Test
    public void bracketExpressionsReadAsPosixDoes() {
        assertTrue(matches("[[:digit:]]+", "abc7"));
        assertTrue(matches("[]x]", "]"));
        assertTrue(matches("[a\\]", "\\"));
        assertTrue(matches("[^[:alpha:]]", "a1"));
        assertFalse(matches("[^[:alpha:]]", "ab"));
        assertTrue(matches("(MSA|HSV)1[01]0", "HSV110"));
        assertTrue(matches("[&&]", "&"));
    }

    @Test
    public void wordBoundaries() {
        assertTrue(matches("\\<VV\\>", "A VV B"));
        assertFalse(matches("\\<VV\\>", "AVVB"));
    }
}
