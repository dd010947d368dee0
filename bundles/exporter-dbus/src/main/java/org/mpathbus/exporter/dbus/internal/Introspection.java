package org.mpathbus.exporter.dbus.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * The introspection data Introspect returns, made from the documented interfaces in docs/dbus (packed into
 * the bundle) and the standard freedesktop ones, without the comments: one string per kind of object, shared
 * by all objects of that kind, and the child nodes from the published model. Answered from the immutable model
 * alone, so an object is introspectable exactly while it is exported (dbus-java's own object tree, changed by
 * the writer while its pool read it, failed some calls with a NullPointerException while objects came).
 */
final class Introspection {

    private static final String INTERFACES = "interfaces/";
    private static final String STANDARD = "standard-interfaces.xml";

    private static final String DOCTYPE = "<!DOCTYPE node PUBLIC \"-//freedesktop//DTD D-BUS Object Introspection 1.0//EN\"\n"
            + "\"http://www.freedesktop.org/standards/dbus/1.0/introspect.dtd\">\n";

    private final Map<ObjectKind, String> nodeData = new EnumMap<>(ObjectKind.class);
    /** What a node that is only on the way to objects implements. */
    private final String intermediateData;

    Introspection() {
        Map<String, String> standard = interfaces(parse(STANDARD));
        intermediateData = standard.get("org.freedesktop.DBus.Introspectable") + standard.get("org.freedesktop.DBus.Peer");
        String common = intermediateData + standard.get("org.freedesktop.DBus.Properties");
        for (ObjectKind kind : ObjectKind.values()) {
            String own = interfaces(parse(INTERFACES + kind.iface + ".xml")).get(kind.iface);
            if (own == null) {
                throw new IllegalStateException("docs/dbus/" + kind.iface + ".xml does not define " + kind.iface);
            }
            String data = own + common;
            if (kind == ObjectKind.MANAGER) {
                data += standard.get("org.freedesktop.DBus.ObjectManager");
            }
            nodeData.put(kind, data);
        }
    }

    /** The interfaces of an object of this kind, as the inside of its introspection node. */
    String nodeData(ObjectKind kind) {
        return nodeData.get(kind);
    }

    /**
     * The XML Introspect returns for {@code path} in {@code model}: the object's interfaces, or those of a node
     * on the way to objects, and its children; null when the model has no such node.
     */
    String introspect(ExportModel model, String path) {
        List<String> children = model.childNames(path);
        if (children == null) {
            return null;
        }
        BusObject object = model.object(path);
        StringBuilder xml = new StringBuilder(DOCTYPE.length() + 4096 + children.size() * 24).append(DOCTYPE)
                .append("<node name=\"").append(path).append("\">\n")
                .append(object != null ? nodeData(object.kind()) : intermediateData);
        if (object != null) {
            for (AddedInterface added : model.added().of(object.kind())) {
                xml.append(added.xml());
            }
        }
        for (String child : children) {
            xml.append(" <node name=\"").append(child).append("\"/>\n");
        }
        return xml.append("</node>\n").toString();
    }

    private static Document parse(String resource) {
        try (InputStream in = Introspection.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("introspection resource " + resource + " is missing from the bundle");
            }
            return newBuilder().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read introspection resource " + resource, e);
        } catch (SAXException e) {
            throw new IllegalStateException("introspection resource " + resource + " is not well-formed XML: "
                    + e.getMessage(), e);
        }
    }

    /** A parser that never fetches the DTD the D-Bus introspection DOCTYPE names. */
    static DocumentBuilder newBuilder() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setIgnoringComments(true);
            return factory.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("no usable XML parser", e);
        }
    }

    /** Each interface element of the document, serialized compactly, by interface name. */
    private static Map<String, String> interfaces(Document document) {
        Map<String, String> byName = new LinkedHashMap<>();
        for (Node node = document.getDocumentElement().getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals("interface")) {
                byName.put(element.getAttribute("name"), serialize(element));
            }
        }
        return byName;
    }

    /** {@code element} as Introspect shows it: compact, one element a line, without comments. */
    static String serialize(Element element) {
        StringBuilder xml = new StringBuilder();
        write(element, " ", xml);
        return xml.toString();
    }

    private static void write(Element element, String indent, StringBuilder xml) {
        xml.append(indent).append('<').append(element.getTagName());
        NamedNodeMap attributes = element.getAttributes();
        for (String name : new String[] {"name", "type", "direction", "access", "value"}) {
            Node attribute = attributes.getNamedItem(name);
            if (attribute != null) {
                xml.append(' ').append(name).append("=\"").append(escape(attribute.getNodeValue())).append('"');
            }
        }
        boolean empty = true;
        for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element childElement) {
                if (empty) {
                    xml.append(">\n");
                    empty = false;
                }
                write(childElement, indent + " ", xml);
            }
        }
        if (empty) {
            xml.append("/>\n");
        } else {
            xml.append(indent).append("</").append(element.getTagName()).append(">\n");
        }
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
