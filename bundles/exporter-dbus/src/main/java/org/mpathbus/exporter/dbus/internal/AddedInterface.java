package org.mpathbus.exporter.dbus.internal;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import org.mpathbus.exporter.dbus.spi.BusInterface;
import org.mpathbus.exporter.dbus.spi.ObjectType;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * One {@link BusInterface} of the whiteboard as the exporter serves it: the kind of object it goes on, its
 * introspection XML as Introspect shows it, and each method's in and out signatures, read once from that XML
 * when the provider comes, so that calls are checked against what Introspect says.
 */
record AddedInterface(String name, ObjectKind kind, String xml, Map<String, Method> methods, BusInterface provider) {

    /** One method: the concatenated types of its in and out arguments. */
    record Method(String in, String out) {
        /** Whether the last in argument is the a{sv} options. */
        boolean takesOptions() {
            java.util.List<String> types = WireValues.split(in);
            return !types.isEmpty() && types.get(types.size() - 1).equals("a{sv}");
        }
    }

    /**
     * Reads {@code provider}'s interface: its introspection() may be an {@code <interface>} element or a
     * {@code <node>} document holding one of that name (a docs/dbus file as it stands).
     *
     * @throws IllegalArgumentException when the name is not a valid interface name or the XML does not
     *         describe it
     */
    static AddedInterface of(BusInterface provider) {
        String name = provider.name();
        if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)+") || name.length() > 255) {
            throw new IllegalArgumentException("\"" + name + "\" is not a D-Bus interface name");
        }
        ObjectType type = provider.objectType();
        if (type == null) {
            throw new IllegalArgumentException(name + " names no object type");
        }
        Element element = interfaceElement(provider.introspection(), name);
        Map<String, Method> methods = new LinkedHashMap<>();
        for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element method && method.getTagName().equals("method")) {
                StringBuilder in = new StringBuilder();
                StringBuilder out = new StringBuilder();
                for (Node arg = method.getFirstChild(); arg != null; arg = arg.getNextSibling()) {
                    if (arg instanceof Element argument && argument.getTagName().equals("arg")) {
                        String argType = argument.getAttribute("type");
                        try {
                            if (WireValues.split(argType).size() != 1) {
                                throw new IllegalArgumentException("not one complete type");
                            }
                        } catch (IllegalArgumentException e) {
                            throw new IllegalArgumentException(name + "." + method.getAttribute("name")
                                    + ": argument type \"" + argType + "\": " + e.getMessage(), e);
                        }
                        ("out".equals(argument.getAttribute("direction")) ? out : in).append(argType);
                    }
                }
                methods.put(method.getAttribute("name"), new Method(in.toString(), out.toString()));
            }
        }
        return new AddedInterface(name, kindOf(type), Introspection.serialize(element), Map.copyOf(methods),
                provider);
    }

    private static Element interfaceElement(String xml, String name) {
        if (xml == null || xml.isBlank()) {
            throw new IllegalArgumentException(name + " gives no introspection XML");
        }
        Document document;
        try {
            document = Introspection.newBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalArgumentException("the introspection XML of " + name + " is not well-formed: "
                    + e.getMessage(), e);
        }
        Element root = document.getDocumentElement();
        if (root.getTagName().equals("interface") && name.equals(root.getAttribute("name"))) {
            return root;
        }
        for (Node node = root.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals("interface")
                    && name.equals(element.getAttribute("name"))) {
                return element;
            }
        }
        throw new IllegalArgumentException("the introspection XML of " + name + " has no <interface name=\"" + name
                + "\">");
    }

    static ObjectKind kindOf(ObjectType type) {
        return switch (type) {
            case MANAGER -> ObjectKind.MANAGER;
            case MAP -> ObjectKind.MAP;
            case PATH -> ObjectKind.PATH;
            case CONFIG -> ObjectKind.CONFIG;
        };
    }
}
