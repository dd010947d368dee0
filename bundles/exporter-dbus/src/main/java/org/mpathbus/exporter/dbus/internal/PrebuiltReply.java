package org.mpathbus.exporter.dbus.internal;

import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.messages.Message;
import org.freedesktop.dbus.messages.constants.MessageType;

/**
 * A method return whose body is marshalled already (see {@link WireWriter}) and shared by every caller of the
 * same model: only the header is this reply's own. It travels through dbus-java's single sender queue like
 * every other message, so it keeps its place in the order of signals and replies; {@link BusSocketProvider}'s
 * writer puts header and body on the socket in one gathering write.
 */
final class PrebuiltReply extends Message {

    private static final int REPLY_SERIAL = 5;
    private static final int DESTINATION = 6;
    private static final int SIGNATURE = 8;

    private final long replySerial;
    private final String destination;
    private final byte[] header;
    private final byte[] body;

    /**
     * @param replySerial the serial of the call answered
     * @param destination the caller's unique name
     * @param signature the body's signature
     * @param body the marshalled body (little endian)
     */
    PrebuiltReply(long replySerial, String destination, String signature, byte[] body) throws DBusException {
        // The superclass constructor takes the next serial from dbus-java's own counter
        super((byte) 'l', MessageType.METHOD_RETURN, (byte) 0);
        this.replySerial = replySerial;
        this.destination = destination;
        WireWriter header = new WireWriter(128);
        header.byte8('l');
        header.byte8(MessageType.METHOD_RETURN);
        header.byte8(0);
        header.byte8(1);
        header.uint32(body.length);
        header.uint32(getSerial());
        int fieldsAt = header.beginArray(8);
        header.align(8);
        header.byte8(REPLY_SERIAL);
        header.signature("u");
        header.uint32(replySerial);
        if (destination != null) {
            header.align(8);
            header.byte8(DESTINATION);
            header.signature("s");
            header.string(destination);
        }
        header.align(8);
        header.byte8(SIGNATURE);
        header.signature("g");
        header.signature(signature);
        header.endArray(fieldsAt, 8);
        header.align(8);
        this.header = header.toByteArray();
        this.body = body;
    }

    /** The serial of the call answered (the superclass knows only the fields it marshalled itself). */
    long replySerial() {
        return replySerial;
    }

    String destination() {
        return destination;
    }

    byte[] header() {
        return header;
    }

    /** The shared body: never to be changed. */
    byte[] body() {
        return body;
    }
}
