package org.mpathbus.control.multipathd.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * libmpathcmd's framing (mpath_send_cmd, mpath_recv_reply): a native size_t in host byte order giving the
 * length, then that many bytes. A command's length counts its terminating NUL; a reply ends with a NUL too.
 */
final class Frames {

    /** sizeof(size_t) on the 64-bit ABIs multipath-tools runs on here (x86-64, aarch64). */
    static final int LENGTH_BYTES = 8;
    /** A reply longer than this is not believed (libmpathcmd's MAX_REPLY_LEN is 32 MiB). */
    static final long MAX_REPLY_BYTES = 32L * 1024 * 1024;

    private Frames() {
    }

    /** The bytes to send for {@code command}: its length with the NUL, the command, the NUL. */
    static byte[] request(String command) {
        byte[] text = command.getBytes(StandardCharsets.UTF_8);
        ByteBuffer frame = ByteBuffer.allocate(LENGTH_BYTES + text.length + 1).order(ByteOrder.nativeOrder());
        frame.putLong(text.length + 1L).put(text).put((byte) 0);
        return frame.array();
    }

    /** The length a frame's header announces. */
    static int length(byte[] header) throws IOException {
        long length = ByteBuffer.wrap(header).order(ByteOrder.nativeOrder()).getLong();
        if (length < 0 || length > MAX_REPLY_BYTES) {
            throw new IOException("multipathd announced a reply of " + Long.toUnsignedString(length)
                    + " bytes (at most " + MAX_REPLY_BYTES + " are believed)");
        }
        return (int) length;
    }

    /** The text of a frame's body: up to its first NUL. */
    static String text(byte[] body) {
        int end = 0;
        while (end < body.length && body[end] != 0) {
            end++;
        }
        return new String(body, 0, end, StandardCharsets.UTF_8);
    }
}
