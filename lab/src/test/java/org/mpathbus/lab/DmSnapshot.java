package org.mpathbus.lab;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The multipath maps as dmsetup printed them (table, status, info), parsed here on purpose without the
 * devmapper bundle's parsers, so that the lab checks them rather than repeats them.
 */
final class DmSnapshot {

    /** One map as dmsetup sees it. */
    record Map_(String name, String uuid, int major, int minor, long sectors, String features, String hwhandler,
            List<Group> groups) {
    }

    /** One path group: selector text as the table gives it, A/E/D, and its paths. */
    record Group(String selector, String state, List<PathState> paths) {
    }

    /** One path: major:minor and A/F. */
    record PathState(String devT, String state) {
    }

    final Map<String, Map_> maps = new LinkedHashMap<>();

    DmSnapshot(List<String> table, List<String> status, List<String> info) {
        Map<String, String[]> infoByName = new LinkedHashMap<>();
        for (String line : info) {
            String[] words = line.trim().split("\\s+");
            infoByName.put(words[0], words);
        }
        Map<String, String> statusByName = new LinkedHashMap<>();
        for (String line : status) {
            statusByName.put(line.substring(0, line.indexOf(':')), line.substring(line.indexOf(':') + 1).trim());
        }
        for (String line : table) {
            if (!line.contains(": ")) {
                continue;
            }
            String name = line.substring(0, line.indexOf(':'));
            String[] t = line.substring(line.indexOf(':') + 1).trim().split("\\s+");
            String[] s = statusByName.get(name).split("\\s+");
            String[] i = infoByName.get(name);
            maps.put(name, parse(name, i, t, s));
        }
    }

    private static Map_ parse(String name, String[] info, String[] t, String[] s) {
        long sectors = Long.parseLong(t[1]);
        int ti = 3;
        int featureCount = Integer.parseInt(t[ti]);
        String features = join(t, ti, featureCount + 1);
        ti += featureCount + 1;
        int handlerCount = Integer.parseInt(t[ti]);
        String hwhandler = join(t, ti, handlerCount + 1);
        ti += handlerCount + 1;
        int groupCount = Integer.parseInt(t[ti]);
        ti += 2;
        int si = 3;
        si += Integer.parseInt(s[si]) + 1;
        si += Integer.parseInt(s[si]) + 1;
        si += 2;
        List<Group> groups = new ArrayList<>();
        for (int g = 0; g < groupCount; g++) {
            int selectorArgs = Integer.parseInt(t[ti + 1]);
            String selector = join(t, ti, selectorArgs + 2);
            ti += selectorArgs + 2;
            int paths = Integer.parseInt(t[ti]);
            int pathArgs = Integer.parseInt(t[ti + 1]);
            ti += 2;
            String groupState = s[si];
            si += Integer.parseInt(s[si + 1]) + 2;
            int infoArgs = Integer.parseInt(s[si + 1]);
            si += 2;
            List<PathState> pathStates = new ArrayList<>();
            for (int p = 0; p < paths; p++) {
                pathStates.add(new PathState(t[ti], s[si + 1]));
                ti += 1 + pathArgs;
                si += 3 + infoArgs;
            }
            groups.add(new Group(selector, groupState, pathStates));
        }
        return new Map_(name, info[3], Integer.parseInt(info[1]), Integer.parseInt(info[2]), sectors, features,
                hwhandler, groups);
    }

    private static String join(String[] words, int from, int count) {
        return String.join(" ", java.util.Arrays.copyOfRange(words, from, from + count));
    }
}
