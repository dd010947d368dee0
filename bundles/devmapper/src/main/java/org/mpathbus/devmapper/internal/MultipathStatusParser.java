package org.mpathbus.devmapper.internal;

import java.util.ArrayList;
import java.util.List;

import org.mpathbus.api.DmGroupState;
import org.mpathbus.api.DmPathState;

/** Parses the parameters of a dm multipath status line (what follows "start length multipath"). */
public final class MultipathStatusParser {

    private MultipathStatusParser() {
    }

    public static MultipathStatus parse(String line) throws ParseException {
        Tokens tokens = new Tokens(line);
        List<String> features = tokens.words(tokens.count("feature count"), "feature");
        List<String> handler = tokens.words(tokens.count("hardware handler word count"), "hardware handler word");
        int groupCount = tokens.count("path group count");
        int nextGroup = tokens.number("next path group", groupCount);
        List<MultipathStatus.Group> groups = new ArrayList<>();
        for (int g = 0; g < groupCount; g++) {
            DmGroupState state = DmGroupState.fromStatusLetter(tokens.oneOf("state of group " + (g + 1), "A", "E", "D"));
            List<String> selectorArgs = tokens.words(tokens.count("selector status word count"), "selector status word");
            int pathCount = tokens.count("path count of group " + (g + 1));
            int infoPerPath = tokens.count("per-path status word count");
            List<MultipathStatus.PathStatus> paths = new ArrayList<>();
            for (int p = 0; p < pathCount; p++) {
                paths.add(new MultipathStatus.PathStatus(tokens.device("path device"),
                        DmPathState.fromStatusLetter(tokens.oneOf("path state", "A", "F")),
                        tokens.number("path fail count"), tokens.words(infoPerPath, "selector path status word")));
            }
            groups.add(new MultipathStatus.Group(state, selectorArgs, paths));
        }
        tokens.expectEnd();
        return new MultipathStatus(features, handler, nextGroup, groups);
    }
}
