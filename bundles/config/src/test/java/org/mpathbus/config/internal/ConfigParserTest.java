package org.mpathbus.config.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.List;

import org.junit.Test;
import org.mpathbus.config.ConfigProblem;
import org.mpathbus.config.internal.ConfigNode.Section;
import org.mpathbus.config.internal.ConfigNode.Statement;

public class ConfigParserTest {

    private final List<ConfigProblem> warnings = new ArrayList<>();

    private List<ConfigNode> parse(String text) throws ConfigSyntaxException {
        return ConfigParser.parse(text, "test.conf", warnings);
    }

    private ConfigProblem error(String text) {
        try {
            parse(text);
        } catch (ConfigSyntaxException e) {
            return e.problem();
        }
        fail("expected a syntax error in:\n" + text);
        return null;
    }

    @Test
    public void sectionsStatementsAndLineNumbers() throws Exception {
        List<ConfigNode> nodes = parse("""
                # comment
                defaults {
                    polling_interval 10

                    ! another comment
                    path_checker "tur"
                }
                devices {
                    device {
                        vendor "ACME"
                    }
                }
                """);
        Section defaults = (Section) nodes.get(0);
        assertEquals("defaults", defaults.name());
        assertEquals(2, defaults.line());
        assertEquals(List.of(new Statement("polling_interval", "10", 3), new Statement("path_checker", "tur", 6)),
                defaults.children());
        Section device = (Section) ((Section) nodes.get(1)).children().get(0);
        assertEquals(new Statement("vendor", "ACME", 10), device.children().get(0));
        assertEquals(List.of(), warnings);
    }

    @Test
    public void quotedStringsKeepBlanksCommentCharactersAndDoubledQuotes() throws Exception {
        Section s = (Section) parse("""
                blacklist {
                	wwid "a b#c!d"   # trailing comment
                	devnode "!^sd"
                	property "2.5"" SSD"
                	protocol ""
                	devnode ^x!comment
                }
                """).get(0);
        assertEquals(List.of(new Statement("wwid", "a b#c!d", 2), new Statement("devnode", "!^sd", 3),
                new Statement("property", "2.5\" SSD", 4), new Statement("protocol", "", 5),
                new Statement("devnode", "^x", 6)), s.children());
    }

    @Test
    public void bracesNeedNoBlanksAroundThem() throws Exception {
        Section s = (Section) parse("defaults{\npolling_interval 3\n}").get(0);
        assertEquals(List.of(new Statement("polling_interval", "3", 2)), s.children());
    }

    @Test
    public void unterminatedQuoteIsAnErrorAtItsLine() {
        assertEquals(new ConfigProblem("test.conf", 3, "missing closing quote"),
                error("defaults {\n  polling_interval 5\n  path_checker \"tur\n}\n"));
    }

    @Test
    public void missingClosingBraceNamesTheSectionAndItsLine() {
        ConfigProblem p = error("defaults {\n polling_interval 5\n}\ndevices {\n device {\n  vendor X\n }\n");
        assertEquals(4, p.line());
        assertEquals("section 'devices' is not closed: missing '}' before the end of the file", p.message());
    }

    @Test
    public void unmatchedClosingBraceIsAnError() {
        assertEquals(new ConfigProblem("test.conf", 4, "unmatched '}'"), error("defaults {\n x 1\n}\n}\n"));
    }

    @Test
    public void sectionNameWithoutBraceOnTheSameLineIsAnError() {
        ConfigProblem p = error("defaults\n{\n polling_interval 5\n}\n");
        assertEquals(1, p.line());
        assertEquals("expected '{' after 'defaults' on the same line", p.message());
    }

    @Test
    public void braceAloneIsAnError() {
        assertEquals(2, error("# x\n{\n").line());
    }

    @Test
    public void closingBraceAfterAValueIsAnError() {
        assertEquals(2, error("defaults {\n polling_interval 5 }\n").line());
    }

    @Test
    public void missingValueAndExtraWordsAreWarnings() throws Exception {
        Section s = (Section) parse("defaults {\n polling_interval\n path_checker tur extra\n}\n").get(0);
        assertEquals(List.of(new Statement("path_checker", "tur", 3)), s.children());
        assertEquals(List.of(new ConfigProblem("test.conf", 2, "missing value for 'polling_interval', ignored"),
                new ConfigProblem("test.conf", 3, "ignoring extra data starting with 'extra'")), warnings);
    }

    @Test
    public void unknownSectionsParseAsSections() throws Exception {
        Section s = (Section) parse("unknown {\n a b\n}\n").get(0);
        assertEquals("unknown", s.name());
    }
}
