package org.mpathbus.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.Test;

/**
 * The example alerting rules in packaging/prometheus are valid (promtool check rules), and their unit test
 * (promtool test rules) fires every one of them on recorded series.
 */
public class PrometheusRulesIT {

    private static final Path RULES = Path.of("..", "packaging", "prometheus", "mpathbus-alerts.yml");
    private static final Path RULES_TEST = Path.of("..", "packaging", "prometheus", "mpathbus-alerts.test.yml");

    @Test
    public void rulesAreValid() throws Exception {
        HostCommands.Result check = promtool("check", "rules", RULES.toString());
        assertEquals(check.output(), 0, check.status());
        assertTrue(check.output(), check.output().contains("SUCCESS"));
    }

    @Test
    public void everyAlertFiresInTheRulesTest() throws Exception {
        List<String> alerts = names(Files.readString(RULES), "(?m)^\\s*- alert: (\\w+)");
        assertFalse("no alerts in " + RULES, alerts.isEmpty());
        String test = Files.readString(RULES_TEST);
        for (String alert : alerts) {
            assertTrue(alert + " is expected to fire in " + RULES_TEST, Pattern.compile(
                    "alertname: " + alert + "\\s+exp_alerts:\\s+- exp_labels").matcher(test).find());
        }
        HostCommands.Result run = promtool("test", "rules", RULES_TEST.toString());
        assertEquals(run.output(), 0, run.status());
        assertFalse(run.output(), run.output().contains("FAILED"));
    }

    private static List<String> names(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        return matcher.results().map(result -> result.group(1)).toList();
    }

    private static HostCommands.Result promtool(String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>();
        command.add(HostCommands.require("promtool", "prometheus"));
        command.addAll(List.of(arguments));
        return HostCommands.run(command, new byte[0]);
    }
}
