package org.mpathbus.exporter.dbus.internal;

import static org.junit.Assert.assertArrayEquals;

import java.io.ByteArrayOutputStream;

import org.freedesktop.dbus.messages.DBusSignal;
import org.freedesktop.dbus.messages.MessageFactory;
import org.junit.Test;

public class WireWriterTest {

    /** Our marshalling must produce the very bytes dbus-java's own marshalling produces, only faster. */
    @Test
    public void managedObjectsBodyIsByteForByteWhatDbusJavaMarshals() throws Exception {
        FakeEngine engine = new FakeEngine(3, 4);
        engine.fail("sdb");
        ExportModel model = ModelBuilder.build(engine.topology(), null, "0.1.0", null);

        DBusSignal reference = new MessageFactory((byte) 'l').createSignal(null, "/a", "a.b", "C",
                CallResponder.SIGNATURE, model.managedObjects());
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (byte[] chunk : reference.getWireData()) {
            if (chunk != null) {
                wire.write(chunk);
            }
        }
        byte[] message = wire.toByteArray();
        int bodyLength = (message[4] & 0xff) | (message[5] & 0xff) << 8 | (message[6] & 0xff) << 16
                | (message[7] & 0xff) << 24;
        byte[] expected = java.util.Arrays.copyOfRange(message, message.length - bodyLength, message.length);

        assertArrayEquals(expected, model.wire().bytes());
    }
}
