package org.mpathbus.exporter.dbus.control.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.Test;
import org.mpathbus.exporter.dbus.spi.BusInterface;
import org.mpathbus.exporter.dbus.spi.ObjectType;
import org.w3c.dom.Element;

/** The interfaces serve docs/dbus's XML and the polkit actions the contract names for each method. */
public class InterfaceDescriptionTest {

    private final Changes changes = new Changes(new Controls(), null);
    private final FakeExport export = new FakeExport(San.initial("simulator"));
    private final List<BusInterface> interfaces = List.of(new PathControl(export, changes),
            new MapControl(export, changes), new ManagerControl(export, changes));

    @Test
    public void eachInterfaceIntrospectsAsDocumentedWithoutComments() throws Exception {
        for (BusInterface busInterface : interfaces) {
            String xml = busInterface.introspection();
            assertFalse(xml, xml.contains("<!--") || xml.contains("@options"));
            Element element = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
            assertEquals("interface", element.getTagName());
            assertEquals(busInterface.name(), element.getAttribute("name"));
        }
        String map = interfaces.get(1).introspection();
        assertTrue(map, map.contains("  <method name=\"SwitchGroup\">\n   <arg name=\"group\" type=\"o\" direction=\"in\"/>\n"
                + "   <arg name=\"options\" type=\"a{sv}\" direction=\"in\"/>\n  </method>\n"));
        String manager = interfaces.get(2).introspection();
        assertTrue(manager, manager.contains("<arg name=\"map\" type=\"o\" direction=\"out\"/>"));
    }

    @Test
    public void eachMethodHasTheActionTheContractNames() {
        Map<String, Map<String, String>> expected = Map.of(
                PathControl.NAME, Map.of("Fail", "org.mpathbus.multipath1.manage-paths",
                        "Reinstate", "org.mpathbus.multipath1.manage-paths",
                        "Remove", "org.mpathbus.multipath1.manage-paths"),
                MapControl.NAME, Map.of("Flush", "org.mpathbus.multipath1.manage-maps",
                        "Resize", "org.mpathbus.multipath1.manage-maps",
                        "SwitchGroup", "org.mpathbus.multipath1.manage-maps",
                        "SetQueueing", "org.mpathbus.multipath1.manage-maps"),
                ManagerControl.NAME, Map.of("AddPath", "org.mpathbus.multipath1.manage-paths",
                        "Reconfigure", "org.mpathbus.multipath1.reconfigure",
                        "AddWwid", "org.mpathbus.multipath1.manage-wwids",
                        "ForgetWwid", "org.mpathbus.multipath1.manage-wwids"));
        for (BusInterface busInterface : interfaces) {
            Map<String, String> actions = expected.get(busInterface.name());
            assertEquals(actions.keySet(), InterfaceDescription.load(busInterface.name()).methods());
            actions.forEach((member, action) -> assertEquals(member, action, busInterface.action(member)));
            assertNull("no action, so UnknownMethod", busInterface.action("Frobnicate"));
        }
    }

    @Test
    public void eachInterfaceGoesOnItsKindOfObject() {
        assertEquals(ObjectType.PATH, interfaces.get(0).objectType());
        assertEquals(ObjectType.MAP, interfaces.get(1).objectType());
        assertEquals(ObjectType.MANAGER, interfaces.get(2).objectType());
        assertEquals(Set.of("Fail", "Reinstate", "Remove"), InterfaceDescription.load(PathControl.NAME).methods());
    }
}
