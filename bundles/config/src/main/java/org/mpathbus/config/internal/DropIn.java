package org.mpathbus.config.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.mpathbus.config.ConfigEditException;
import org.mpathbus.config.ConfigEditException.Kind;
import org.mpathbus.config.ConfigProblem;
import org.mpathbus.config.internal.ConfigNode.Section;
import org.mpathbus.config.internal.ConfigNode.Statement;

/**
 * What mpathbus's drop-in holds, immutable: defaults, blacklist and blacklist_exceptions entries, devices and
 * multipaths entries, each in the order they were added. Read back from the file with {@link ConfigParser}
 * (the file is the state) and rendered with every value quoted, so that what is written is what is read.
 */
record DropIn(Map<String, String> defaults, List<Entry> blacklist, List<Entry> exceptions, List<Device> devices,
        List<Multipath> multipaths) {

    /** A blacklist entry: keyword to expression, one keyword or vendor with optional product. */
    record Entry(Map<String, String> criteria) {
        Entry {
            criteria = Map.copyOf(criteria);
        }

        boolean isDevice() {
            return criteria.containsKey("vendor") || criteria.containsKey("product");
        }
    }

    record Device(String vendor, String product, Map<String, String> attributes) {
        Device {
            attributes = unmodifiable(attributes);
        }
    }

    record Multipath(String wwid, Map<String, String> attributes) {
        Multipath {
            attributes = unmodifiable(attributes);
        }
    }

    static final DropIn EMPTY = new DropIn(Map.of(), List.of(), List.of(), List.of(), List.of());

    static final String HEADER = """
            # Written by mpathbus (org.mpathbus.Multipath1.ConfigControl, mpathbusctl config, mpath:config-*).
            # mpathbus rewrites this whole file on every change: change these settings through it, and keep your
            # own in /etc/multipath.conf or another file of this directory, which mpathbus never touches.
            # multipath-tools reads the *.conf files here in alphabetical order, after multipath.conf.
            """;

    DropIn {
        defaults = unmodifiable(defaults);
        blacklist = List.copyOf(blacklist);
        exceptions = List.copyOf(exceptions);
        devices = List.copyOf(devices);
        multipaths = List.copyOf(multipaths);
    }

    private static Map<String, String> unmodifiable(Map<String, String> map) {
        return java.util.Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    int entries() {
        return defaults.size() + blacklist.size() + exceptions.size() + devices.size() + multipaths.size();
    }

    List<Entry> section(String name) {
        return name.equals("blacklist") ? blacklist : exceptions;
    }

    DropIn withDefaults(Map<String, String> value) {
        return new DropIn(value, blacklist, exceptions, devices, multipaths);
    }

    DropIn withSection(String name, List<Entry> value) {
        return name.equals("blacklist") ? new DropIn(defaults, value, exceptions, devices, multipaths)
                : new DropIn(defaults, blacklist, value, devices, multipaths);
    }

    DropIn withDevices(List<Device> value) {
        return new DropIn(defaults, blacklist, exceptions, value, multipaths);
    }

    DropIn withMultipaths(List<Multipath> value) {
        return new DropIn(defaults, blacklist, exceptions, devices, value);
    }

    /** The file's text: the header, then each non-empty section. */
    String render() {
        StringBuilder out = new StringBuilder(HEADER);
        if (!defaults.isEmpty()) {
            out.append("defaults {\n");
            defaults.forEach((key, value) -> statement(out, "\t", key, value));
            out.append("}\n");
        }
        renderEntries(out, "blacklist", blacklist);
        renderEntries(out, "blacklist_exceptions", exceptions);
        if (!devices.isEmpty()) {
            out.append("devices {\n");
            for (Device device : devices) {
                out.append("\tdevice {\n");
                statement(out, "\t\t", "vendor", device.vendor());
                statement(out, "\t\t", "product", device.product());
                device.attributes().forEach((key, value) -> statement(out, "\t\t", key, value));
                out.append("\t}\n");
            }
            out.append("}\n");
        }
        if (!multipaths.isEmpty()) {
            out.append("multipaths {\n");
            for (Multipath multipath : multipaths) {
                out.append("\tmultipath {\n");
                statement(out, "\t\t", "wwid", multipath.wwid());
                multipath.attributes().forEach((key, value) -> statement(out, "\t\t", key, value));
                out.append("\t}\n");
            }
            out.append("}\n");
        }
        return out.toString();
    }

    private static void renderEntries(StringBuilder out, String section, List<Entry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        out.append(section).append(" {\n");
        for (Entry entry : entries) {
            if (entry.isDevice()) {
                out.append("\tdevice {\n");
                for (String key : List.of("vendor", "product")) {
                    if (entry.criteria().containsKey(key)) {
                        statement(out, "\t\t", key, entry.criteria().get(key));
                    }
                }
                out.append("\t}\n");
            } else {
                entry.criteria().forEach((key, value) -> statement(out, "\t", key, value));
            }
        }
        out.append("}\n");
    }

    private static void statement(StringBuilder out, String indent, String key, String value) {
        out.append(indent).append(key).append(" \"").append(value.replace("\"", "\"\"")).append("\"\n");
    }

    /**
     * Reads the drop-in's text back. What {@link #render()} cannot have written (a section or keyword of
     * another shape) means someone edited the file: refused, naming the line, rather than dropped.
     */
    static DropIn read(String text, String file) throws ConfigEditException {
        List<ConfigNode> nodes;
        try {
            nodes = ConfigParser.parse(text, file, new ArrayList<ConfigProblem>());
        } catch (ConfigSyntaxException e) {
            throw edited(e.problem().toString());
        }
        Map<String, String> defaults = new LinkedHashMap<>();
        Map<String, List<Entry>> sections = new LinkedHashMap<>();
        sections.put("blacklist", new ArrayList<>());
        sections.put("blacklist_exceptions", new ArrayList<>());
        List<Device> devices = new ArrayList<>();
        List<Multipath> multipaths = new ArrayList<>();
        for (ConfigNode node : nodes) {
            Section section = section(node, file);
            switch (section.name()) {
            case "defaults" -> {
                for (ConfigNode child : section.children()) {
                    Statement statement = statement(child, file);
                    defaults.put(statement.keyword(), statement.value());
                }
            }
            case "blacklist", "blacklist_exceptions" -> {
                for (ConfigNode child : section.children()) {
                    if (child instanceof Section device) {
                        sections.get(section.name()).add(new Entry(attributes(device, file)));
                    } else {
                        Statement statement = statement(child, file);
                        sections.get(section.name()).add(new Entry(Map.of(statement.keyword(), statement.value())));
                    }
                }
            }
            case "devices" -> {
                for (ConfigNode child : section.children()) {
                    Map<String, String> attributes = attributes(section(child, file), file);
                    devices.add(new Device(Objects.requireNonNullElse(attributes.remove("vendor"), ""),
                            Objects.requireNonNullElse(attributes.remove("product"), ""), attributes));
                }
            }
            case "multipaths" -> {
                for (ConfigNode child : section.children()) {
                    Map<String, String> attributes = attributes(section(child, file), file);
                    multipaths.add(new Multipath(Objects.requireNonNullElse(attributes.remove("wwid"), ""),
                            attributes));
                }
            }
            default -> throw edited(file + ":" + node.line() + ": section " + section.name()
                    + " is not one mpathbus writes");
            }
        }
        return new DropIn(defaults, sections.get("blacklist"), sections.get("blacklist_exceptions"), devices,
                multipaths);
    }

    private static Section section(ConfigNode node, String file) throws ConfigEditException {
        if (node instanceof Section section) {
            return section;
        }
        throw edited(file + ":" + node.line() + ": a statement where mpathbus writes a section");
    }

    private static Statement statement(ConfigNode node, String file) throws ConfigEditException {
        if (node instanceof Statement statement) {
            return statement;
        }
        throw edited(file + ":" + node.line() + ": a section where mpathbus writes a statement");
    }

    private static Map<String, String> attributes(Section section, String file) throws ConfigEditException {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (ConfigNode child : section.children()) {
            if (!(child instanceof Statement statement)) {
                throw edited(file + ":" + child.line() + ": section " + ((Section) child).name()
                        + " inside " + section.name());
            }
            attributes.put(statement.keyword(), statement.value());
        }
        return attributes;
    }

    private static ConfigEditException edited(String where) {
        return new ConfigEditException(Kind.FAILED, "the drop-in was edited by hand and mpathbus cannot read it back ("
                + where + "): fix or remove it, then try again");
    }
}
