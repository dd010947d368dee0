package org.mpathbus.devmapper.internal;

import java.util.ArrayList;
import java.util.List;

/** Parses the parameters of a dm multipath table line (what follows "start length multipath"). */
public final class MultipathTableParser {

    private MultipathTableParser() {
    }

    public static MultipathTable parse(String line) throws ParseException {
        Tokens tokens = new Tokens(line);
        List<String> features = tokens.words(tokens.count("feature count"), "feature");
        List<String> handler = tokens.words(tokens.count("hardware handler word count"), "hardware handler word");
        int groupCount = tokens.count("path group count");
        int initialGroup = tokens.number("initial path group", groupCount);
        List<MultipathTable.Group> groups = new ArrayList<>();
        for (int g = 0; g < groupCount; g++) {
            String selector = tokens.word("path selector of group " + (g + 1));
            List<String> selectorArgs = tokens.words(tokens.count("selector argument count"), "selector argument");
            int pathCount = tokens.count("path count of group " + (g + 1));
            int argsPerPath = tokens.count("per-path argument count");
            List<MultipathTable.PathSpec> paths = new ArrayList<>();
            for (int p = 0; p < pathCount; p++) {
                paths.add(new MultipathTable.PathSpec(tokens.device("path device"), tokens.words(argsPerPath, "path argument")));
            }
            groups.add(new MultipathTable.Group(selector, selectorArgs, paths));
        }
        tokens.expectEnd();
        return new MultipathTable(features, handler, initialGroup, groups);
    }
}
