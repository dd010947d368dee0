package org.mpathbus.shell.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import org.mpathbus.api.Path;
import org.mpathbus.api.Topology;

/** Which checkers are installed and which paths use each, including checkers that paths name but nobody installed. */
final class CheckerUsage {

    /** Text output lists this many path names per checker, then a count of the rest. */
    static final int NAMES_SHOWN = 8;

    record Checker(String name, boolean installed, List<String> paths) {
    }

    private CheckerUsage() {
    }

    static List<Checker> of(Topology topology) {
        Map<String, List<String>> pathsByChecker = new TreeMap<>();
        for (String installed : topology.checkers()) {
            pathsByChecker.put(installed, new ArrayList<>());
        }
        for (Path path : topology.paths().values()) {
            pathsByChecker.computeIfAbsent(path.checker(), name -> new ArrayList<>()).add(path.name());
        }
        List<Checker> checkers = new ArrayList<>();
        pathsByChecker.forEach((name, paths) -> {
            paths.sort(Path.KERNEL_NAME_ORDER);
            checkers.add(new Checker(name, topology.checkers().contains(name), List.copyOf(paths)));
        });
        return checkers;
    }

    static String text(Topology topology) {
        TextTable table = new TextTable("CHECKER", "INSTALLED", "PATHS", "USED BY");
        int missing = 0;
        for (Checker checker : of(topology)) {
            if (!checker.installed()) {
                missing += checker.paths().size();
            }
            table.row(checker.name().isEmpty() ? "(none)" : checker.name(), checker.installed() ? "yes" : "MISSING",
                    Integer.toString(checker.paths().size()), sample(checker.paths()));
        }
        String out = table.toString();
        if (missing > 0) {
            out += missing + " path(s) name a checker that is not installed; they stay unchecked\n";
        }
        return out;
    }

    static String json(Topology topology) {
        JsonArray all = new JsonArray();
        for (Checker checker : of(topology)) {
            JsonObject json = new JsonObject();
            json.addProperty("name", checker.name());
            json.addProperty("installed", checker.installed());
            JsonArray paths = new JsonArray();
            checker.paths().forEach(paths::add);
            json.add("paths", paths);
            all.add(json);
        }
        JsonObject document = new JsonObject();
        document.add("checkers", all);
        return Json.indented(document);
    }

    private static String sample(List<String> paths) {
        if (paths.size() <= NAMES_SHOWN) {
            return String.join(" ", paths);
        }
        return String.join(" ", paths.subList(0, NAMES_SHOWN)) + " ... (" + (paths.size() - NAMES_SHOWN) + " more)";
    }
}
