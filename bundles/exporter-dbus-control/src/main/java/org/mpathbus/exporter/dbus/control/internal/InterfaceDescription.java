package org.mpathbus.exporter.dbus.control.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Set;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * One documented interface of docs/dbus (packed into the bundle): its {@code <interface>} element without the
 * comments, as Introspect shows it (laid out as the exporter lays out its own), and its methods' names.
 */
record InterfaceDescription(String introspection, Set<String> methods) {

    private static final String DIRECTORY = "interfaces/";

    static InterfaceDescription load(String interfaceName) {
        Document document = parse(DIRECTORY + interfaceName + ".xml");
        for (Node node = document.getDocumentElement().getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals("interface")
                    && element.getAttribute("name").equals(interfaceName)) {
                StringBuilder xml = new StringBuilder();
                write(element, " ", xml);
                Set<String> methods = new LinkedHashSet<>();
                for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
                    if (child instanceof Element method && method.getTagName().equals("method")) {
                        methods.add(method.getAttribute("name"));
                    }
                }
                return new InterfaceDescription(xml.toString(), Set.copyOf(methods));
            }
        }
        throw new IllegalStateException("docs/dbus/" + interfaceName + ".xml does not define " + interfaceName);
    }

    private static Document parse(String resource) {
        try (InputStream in = InterfaceDescription.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("introspection resource " + resource + " is missing from the bundle");
            }
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // The D-Bus DOCTYPE names a DTD on the web: never fetch it
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setIgnoringComments(true);
            return factory.newDocumentBuilder().parse(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read introspection resource " + resource, e);
        } catch (SAXException | ParserConfigurationException e) {
            throw new IllegalStateException("introspection resource " + resource + " cannot be parsed: "
                    + e.getMessage(), e);
        }
    }

    private static void write(Element element, String indent, StringBuilder xml) {
        xml.append(indent).append('<').append(element.getTagName());
        NamedNodeMap attributes = element.getAttributes();
        for (String name : new String[] {"name", "type", "direction", "value"}) {
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
        xml.append(empty ? "/>\n" : indent + "</" + element.getTagName() + ">\n");
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
