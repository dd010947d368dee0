package org.mpathbus.exporter.dbus.control.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * One documented interface of docs/dbus (packed into the bundle): the file as it stands, which the exporter
 * reads for Introspect (it drops the comments), and its methods' names.
 */
record InterfaceDescription(String introspection, Set<String> methods) {

    private static final String DIRECTORY = "interfaces/";

    static InterfaceDescription load(String interfaceName) {
        String resource = DIRECTORY + interfaceName + ".xml";
        byte[] xml = read(resource);
        Document document = parse(resource, xml);
        for (Node node = document.getDocumentElement().getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && element.getTagName().equals("interface")
                    && element.getAttribute("name").equals(interfaceName)) {
                Set<String> methods = new LinkedHashSet<>();
                for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
                    if (child instanceof Element method && method.getTagName().equals("method")) {
                        methods.add(method.getAttribute("name"));
                    }
                }
                return new InterfaceDescription(new String(xml, StandardCharsets.UTF_8), Set.copyOf(methods));
            }
        }
        throw new IllegalStateException("docs/dbus/" + interfaceName + ".xml does not define " + interfaceName);
    }

    private static byte[] read(String resource) {
        try (InputStream in = InterfaceDescription.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("introspection resource " + resource + " is missing from the bundle");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read introspection resource " + resource, e);
        }
    }

    private static Document parse(String resource, byte[] xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // The D-Bus DOCTYPE names a DTD on the web: never fetch it
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read introspection resource " + resource, e);
        } catch (SAXException | ParserConfigurationException e) {
            throw new IllegalStateException("introspection resource " + resource + " cannot be parsed: "
                    + e.getMessage(), e);
        }
    }
}
