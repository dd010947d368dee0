package org.mpathbus.exporter.dbus.internal;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The members of each interface in introspection XML, as comparable lines ("property Wwid s read",
 * "method Lookup(in s id, out o object)", "signal PathFailed(o path, u valid_paths, t seqnum)"), so that the
 * documented XML and what Introspect returns can be compared member by member.
 */
final class InterfaceMembers {

    private InterfaceMembers() {
    }

    static Map<String, TreeSet<String>> of(String xml) {
        return of(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    static Map<String, TreeSet<String>> of(InputStream xml) {
        try {
            Document document = Introspection.newBuilder().parse(xml);
            Map<String, TreeSet<String>> interfaces = new TreeMap<>();
            for (Element iface : children(document.getDocumentElement(), "interface")) {
                TreeSet<String> members = new TreeSet<>();
                for (Element member : children(iface, null)) {
                    switch (member.getTagName()) {
                        case "property" -> members.add("property " + member.getAttribute("name") + " "
                                + member.getAttribute("type") + " " + member.getAttribute("access"));
                        case "method" -> members.add("method " + member.getAttribute("name") + args(member, true));
                        case "signal" -> members.add("signal " + member.getAttribute("name") + args(member, false));
                        default -> { }
                    }
                }
                interfaces.put(iface.getAttribute("name"), members);
            }
            return interfaces;
        } catch (Exception e) {
            throw new AssertionError("not introspection XML: " + e.getMessage(), e);
        }
    }

    /** The documented members of {@code iface}, from the docs/dbus file packed into the bundle. */
    static TreeSet<String> documented(String iface) {
        InputStream xml = Introspection.class.getResourceAsStream("interfaces/" + iface + ".xml");
        if (xml == null) {
            throw new AssertionError("docs/dbus/" + iface + ".xml is not packed into the bundle");
        }
        return of(xml).get(iface);
    }

    /** The documented D-Bus type of each property of {@code iface}. */
    static Map<String, String> documentedPropertyTypes(String iface) {
        Map<String, String> types = new TreeMap<>();
        for (String member : documented(iface)) {
            String[] words = member.split(" ");
            if (words[0].equals("property")) {
                types.put(words[1], words[2]);
            }
        }
        return types;
    }

    private static String args(Element member, boolean withDirection) {
        StringBuilder args = new StringBuilder("(");
        for (Element arg : children(member, "arg")) {
            if (args.length() > 1) {
                args.append(", ");
            }
            if (withDirection) {
                String direction = arg.getAttribute("direction");
                args.append(direction.isEmpty() ? "in" : direction).append(' ');
            }
            args.append(arg.getAttribute("type")).append(' ').append(arg.getAttribute("name"));
        }
        return args.append(')').toString();
    }

    private static java.util.List<Element> children(Element parent, String tag) {
        java.util.List<Element> elements = new java.util.ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && (tag == null || element.getTagName().equals(tag))) {
                elements.add(element);
            }
        }
        return elements;
    }
}
