package org.mpathbus.devmapper.internal;

import static org.junit.Assert.assertTrue;

import java.util.List;

import org.junit.runner.RunWith;

import com.pholser.junit.quickcheck.From;
import com.pholser.junit.quickcheck.Property;
import com.pholser.junit.quickcheck.generator.GenerationStatus;
import com.pholser.junit.quickcheck.generator.Generator;
import com.pholser.junit.quickcheck.generator.Size;
import com.pholser.junit.quickcheck.random.SourceOfRandomness;
import com.pholser.junit.quickcheck.runner.JUnitQuickcheck;

/**
 * Whatever the kernel (or a bug) hands the parsers, they either parse it or throw a ParseException that
 * points into the line; never any other exception.
 */
@RunWith(JUnitQuickcheck.class)
public class ParserPropertiesTest {

    @Property(trials = 3000)
    public void arbitraryTextParsesOrFailsWithAPosition(String line) {
        assertParsesOrFailsCleanly(line);
    }

    @Property(trials = 3000)
    public void linesOfTheGrammarsOwnWordsParseOrFailWithAPosition(
            @Size(max = 40) List<@From(DmWords.class) String> words) {
        assertParsesOrFailsCleanly(String.join(" ", words));
    }

    @Property(trials = 3000)
    public void labLinesWithOneWordReplacedParseOrFailWithAPosition(int index, @From(DmWords.class) String word) {
        for (String lab : List.of(MultipathTableParserTest.LAB_TABLE, MultipathStatusParserTest.LAB_STATUS,
                MultipathStatusParserTest.LAB_STATUS_FAILED)) {
            String[] words = lab.split(" ");
            words[Math.floorMod(index, words.length)] = word;
            assertParsesOrFailsCleanly(String.join(" ", words));
        }
    }

    @Property(trials = 1000)
    public void truncatedLabLinesFailAtTheirEnd(int cut) {
        String line = MultipathStatusParserTest.LAB_STATUS;
        String truncated = line.substring(0, Math.floorMod(cut, line.length())).stripTrailing();
        try {
            MultipathStatusParser.parse(truncated);
            throw new AssertionError("a truncated status line parsed: '" + truncated + "'");
        } catch (ParseException e) {
            assertPointsIntoLine(e, truncated);
        }
    }

    private static void assertParsesOrFailsCleanly(String line) {
        try {
            MultipathTableParser.parse(line);
        } catch (ParseException e) {
            assertPointsIntoLine(e, line);
        }
        try {
            MultipathStatusParser.parse(line);
        } catch (ParseException e) {
            assertPointsIntoLine(e, line);
        }
    }

    private static void assertPointsIntoLine(ParseException e, String line) {
        assertTrue(e.getMessage(), e.offset() >= 0 && e.offset() <= line.length());
        assertTrue(e.getMessage(), e.tokenIndex() >= 0);
        if (e.token() == null) {
            assertTrue(e.getMessage(), line.substring(e.offset()).isBlank());
        } else {
            assertTrue(e.getMessage(), line.startsWith(e.token(), e.offset()));
        }
    }

    /** Words that dm lines are made of, plus the kinds of nonsense that break counts and numbers. */
    public static final class DmWords extends Generator<String> {
        private static final String[] WORDS = {"0", "1", "2", "3", "4", "A", "E", "D", "F", "8:16", "253:0", "259:12",
            "alua", "service-time", "round-robin", "queue_if_no_path", "-1", "99999999999", "2147483648", "8:", ":1",
            "8:x", "1e3", "0x10", "\u00e9", "00", "1048577"};

        public DmWords() {
            super(String.class);
        }

        @Override
        public String generate(SourceOfRandomness random, GenerationStatus status) {
            return random.nextInt(8) == 0 ? Integer.toString(random.nextInt(0, 40)) : random.choose(WORDS);
        }
    }
}
