package org.mpathbus.config.internal;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.mpathbus.config.ConfigChange;

/**
 * The console's configuration commands (mpath:config-alias ...), each a Gogo function of its own: Gogo finds a
 * command's method by its name, which cannot hold a dash. Reads a command's words into one {@link ConfigChange}.
 */
enum ConfigEditCommand {
    ALIAS("config-alias", "WWID ALIAS | WWID --clear"),
    BLACKLIST("config-blacklist", "add|remove [--exceptions] wwid=RE|devnode=RE|property=RE|protocol=RE|"
            + "vendor=RE [product=RE]"),
    DEFAULT("config-default", "set KEY VALUE | clear KEY"),
    DEVICE("config-device", "set VENDOR PRODUCT [KEY=VALUE ...] | remove VENDOR PRODUCT"),
    MULTIPATH("config-multipath", "set WWID [KEY=VALUE ...] | remove WWID");

    final String function;
    final String usage;

    ConfigEditCommand(String function, String usage) {
        this.function = function;
        this.usage = usage;
    }

    /** The change the words ask for; IllegalArgumentException with the usage when they do not fit. */
    ConfigChange change(List<String> words) {
        switch (this) {
        case ALIAS:
            need(words.size() == 2);
            return new ConfigChange.SetAlias(words.get(0), words.get(1).equals("--clear") ? "" : words.get(1));
        case BLACKLIST: {
            need(words.size() >= 2 && (words.get(0).equals("add") || words.get(0).equals("remove")));
            boolean exceptions = words.get(1).equals("--exceptions");
            String section = exceptions ? "blacklist_exceptions" : "blacklist";
            Map<String, String> entry = pairs(words.subList(exceptions ? 2 : 1, words.size()));
            return words.get(0).equals("add") ? new ConfigChange.AddBlacklistEntry(section, entry)
                    : new ConfigChange.RemoveBlacklistEntry(section, entry);
        }
        case DEFAULT:
            if (words.size() == 3 && words.get(0).equals("set")) {
                return new ConfigChange.SetDefault(words.get(1), words.get(2));
            }
            need(words.size() == 2 && words.get(0).equals("clear"));
            return new ConfigChange.ClearDefault(words.get(1));
        case DEVICE:
            if (words.size() >= 3 && words.get(0).equals("set")) {
                return new ConfigChange.SetDevice(words.get(1), words.get(2), pairs(words.subList(3, words.size())));
            }
            need(words.size() == 3 && words.get(0).equals("remove"));
            return new ConfigChange.RemoveDevice(words.get(1), words.get(2));
        default:
            if (words.size() >= 2 && words.get(0).equals("set")) {
                return new ConfigChange.SetMultipath(words.get(1), pairs(words.subList(2, words.size())));
            }
            need(words.size() == 2 && words.get(0).equals("remove"));
            return new ConfigChange.RemoveMultipath(words.get(1));
        }
    }

    private void need(boolean fits) {
        if (!fits) {
            throw new IllegalArgumentException("usage: mpath:" + function + " " + usage);
        }
    }

    private Map<String, String> pairs(List<String> words) {
        Map<String, String> pairs = new LinkedHashMap<>();
        for (String word : words) {
            int equals = word.indexOf('=');
            need(equals > 0);
            pairs.put(word.substring(0, equals), word.substring(equals + 1));
        }
        return pairs;
    }
}
