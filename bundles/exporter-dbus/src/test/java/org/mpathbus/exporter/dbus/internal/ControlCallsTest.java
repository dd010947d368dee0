package org.mpathbus.exporter.dbus.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;

import org.freedesktop.dbus.messages.MessageFactory;
import org.freedesktop.dbus.messages.MethodCall;
import org.freedesktop.dbus.messages.MethodReturn;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.junit.Test;
import org.mpathbus.exporter.dbus.spi.BusError;
import org.mpathbus.exporter.dbus.spi.BusReply;
import org.mpathbus.exporter.dbus.spi.Caller;

/** Decoding calls, marshalling replies and reading polkit's answer, through dbus-java's own marshalling. */
public class ControlCallsTest {

    private static final MessageFactory MESSAGES = new MessageFactory((byte) 'l');
    private static final AddedInterface MAP_CONTROL = AddedInterface.of(new TestInterface(TestInterface.MAP_CONTROL,
            org.mpathbus.exporter.dbus.spi.ObjectType.MAP, call -> BusReply.EMPTY));

    /** A call marshalled by dbus-java; its parameters are read back from its body. */
    private static MethodCall received(String member, String signature, Object... args) throws Exception {
        MethodCall sent = MESSAGES.createMethodCall(":1.1", ObjectPaths.BUS_NAME, ObjectPaths.map("x"),
                TestInterface.MAP_CONTROL, member, (byte) 0, signature, args);
        return sent;
    }

    @Test
    public void theInterfaceIsReadFromItsDocumentedXml() {
        assertEquals(new AddedInterface.Method("oa{sv}", ""), MAP_CONTROL.methods().get("SwitchGroup"));
        assertEquals(new AddedInterface.Method("ba{sv}", ""), MAP_CONTROL.methods().get("SetQueueing"));
        assertTrue(MAP_CONTROL.methods().get("Flush").takesOptions());
        assertEquals(ObjectKind.MAP, MAP_CONTROL.kind());
        assertTrue(MAP_CONTROL.xml().startsWith(" <interface name=\"" + TestInterface.MAP_CONTROL + "\">"));
    }

    @Test
    public void argumentsAndOptionsArriveAsPlainJava() throws Exception {
        MethodCall call = received("SwitchGroup", "oa{sv}", new org.freedesktop.dbus.DBusPath("/g/2"),
                Map.of("timeout", new Variant<>(new UInt32(7)), "nested", new Variant<>(List.of("a", "b"), "as"),
                        "auth.no_user_interaction", new Variant<>(true)));
        List<Object> decoded = ControlCalls.decode(call, MAP_CONTROL, MAP_CONTROL.methods().get("SwitchGroup"));
        assertEquals(List.of("/g/2", Map.of("timeout", 7L, "nested", List.of("a", "b"),
                "auth.no_user_interaction", true)), decoded);
    }

    @Test
    public void aCallOfAnotherSignatureIsInvalidArgs() throws Exception {
        MethodCall call = received("SetQueueing", "sa{sv}", "yes", Map.of());
        BusError error = assertThrows(BusError.class,
                () -> ControlCalls.decode(call, MAP_CONTROL, MAP_CONTROL.methods().get("SetQueueing")));
        assertEquals(BusError.INVALID_ARGS, error.errorName());
        assertEquals(TestInterface.MAP_CONTROL + ".SetQueueing takes arguments of type \"ba{sv}\", not \"sa{sv}\"",
                error.getMessage());
    }

    @Test
    public void optionsAreChecked() throws Exception {
        assertEquals(new ControlCalls.ControlOptions(true, 120_000), ControlCalls.ControlOptions.of(Map.of()));
        assertEquals(new ControlCalls.ControlOptions(false, 2_500),
                ControlCalls.ControlOptions.of(Map.of("timeout", 2.5, "auth.no_user_interaction", true)));
        for (Map<String, Object> bad : List.<Map<String, Object>>of(Map.of("timeout", "soon"), Map.of("timeout", 0L),
                Map.of("timeout", 601L), Map.of("auth.no_user_interaction", "yes"))) {
            assertEquals(String.valueOf(bad), BusError.INVALID_ARGS,
                    assertThrows(BusError.class, () -> ControlCalls.ControlOptions.of(bad)).errorName());
        }
    }

    @Test
    public void aReplyIsMarshalledByItsSignature() throws Exception {
        BusReply reply = new BusReply("oua{sv}as(sx)", List.of("/a/b", 7L, Map.of("n", 3, "s", "x"),
                List.of("p", "q"), List.of("t", 9L)));
        MethodCall call = received("Flush", "a{sv}", Map.of());
        MethodReturn sent = MESSAGES.createMethodReturn(call, reply.signature(), ControlCalls.marshal(reply));
        Object[] back = sent.getParameters();
        List<String> types = WireValues.split(reply.signature());
        for (int i = 0; i < types.size(); i++) {
            assertEquals(types.get(i), reply.values().get(i), WireValues.toPlain(back[i], types.get(i)));
        }
        assertThrows(IllegalArgumentException.class, () -> ControlCalls.marshal(new BusReply("o", List.of(7))));
        assertThrows(IllegalArgumentException.class, () -> ControlCalls.marshal(new BusReply("ss", List.of("a"))));
    }

    @Test
    public void polkitIsAskedAboutTheCallersBusName() throws Exception {
        Object[] args = PolkitAuthorizer.checkArguments(new Caller(":1.42", 1000, 77), "a.b", true);
        MethodCall sent = MESSAGES.createMethodCall(":1.1", PolkitAuthorizer.POLKIT, PolkitAuthorizer.AUTHORITY_PATH,
                PolkitAuthorizer.AUTHORITY_INTERFACE, "CheckAuthorization", (byte) 0, PolkitAuthorizer.SIGNATURE, args);
        Object[] back = sent.getParameters();
        assertEquals(List.of("system-bus-name", Map.of("name", ":1.42")), WireValues.toPlain(back[0], "(sa{sv})"));
        assertEquals(List.of("a.b", Map.of(), 1L, ""), List.of(back[1], WireValues.toPlain(back[2], "a{ss}"),
                WireValues.toPlain(back[3], "u"), back[4]));
    }

    @Test
    public void polkitsAnswerDecides() throws Exception {
        PolkitAuthorizer.decide(answer(true, false, Map.of()), "act", "fail path sda");
        assertEquals(BusError.NOT_AUTHORIZED_CAN_OBTAIN, denial(answer(false, true, Map.of())).errorName());
        assertEquals(BusError.NOT_AUTHORIZED_DISMISSED,
                denial(answer(false, false, Map.of("polkit.dismissed", "true"))).errorName());
        BusError denied = denial(answer(false, false, Map.of()));
        assertEquals(BusError.NOT_AUTHORIZED, denied.errorName());
        assertEquals("Not authorized to fail path sda (polkit action act)", denied.getMessage());
    }

    private static BusError denial(Object[] answer) {
        return assertThrows(BusError.class, () -> PolkitAuthorizer.decide(answer, "act", "fail path sda"));
    }

    /** polkit's (bba{ss}) as dbus-java reads it off the wire. */
    private static Object[] answer(boolean authorized, boolean challenge, Map<String, String> details)
            throws Exception {
        MethodCall call = received("Flush", "a{sv}", Map.of());
        MethodReturn sent = MESSAGES.createMethodReturn(call, "(bba{ss})",
                new Object[] {new Object[] {authorized, challenge, details}});
        return sent.getParameters();
    }

    @Test
    public void theChangeIsDescribedInWords() {
        FakeEngine engine = new FakeEngine(1, 2);
        ExportModel model = ModelBuilder.build(engine.topology(), null, "0.1.0", null);
        assertEquals("fail path sda", ControlCalls.describe("Fail", model.object(ObjectPaths.path("sda"))));
        assertEquals("set queueing map mpatha", ControlCalls.describe("SetQueueing",
                model.object(ObjectPaths.map(FakeEngine.wwid(0)))));
        assertEquals("add wwid", ControlCalls.describe("AddWwid", model.object(ObjectPaths.ROOT)));
    }
}
