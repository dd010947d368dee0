package org.mpathbus.control.multipathd.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Sends one command to multipathd and reads its reply, on a connection of its own (multipathd accepts any
 * number of clients and orders their commands; no lock of ours is held, so one slow call never stalls
 * another). The file socket is used when it exists (a newer multipathd listens there), else the
 * abstract one (multipath-tools 0.9.4, Debian bookworm).
 */
final class MultipathdClient {

    private final Endpoint file;
    private final Endpoint abstractName;

    MultipathdClient(Endpoint file, Endpoint abstractName) {
        this.file = file;
        this.abstractName = abstractName;
    }

    /** Where the next command goes. */
    Endpoint endpoint() {
        return file != null && Files.exists(Path.of(file.name())) ? file : abstractName;
    }

    /**
     * multipathd's reply to {@code command}, without its NUL.
     *
     * @throws UnixSocket.Unreachable when nobody listens
     * @throws UnixSocket.NoReplyInTime when the deadline passed first (multipathd may still act on it)
     * @throws IOException when the connection broke or the reply made no sense
     */
    String send(String command, Deadline deadline) throws IOException {
        try (UnixSocket socket = UnixSocket.connect(endpoint(), deadline)) {
            socket.writeFully(Frames.request(command), deadline);
            int length = Frames.length(socket.readFully(Frames.LENGTH_BYTES, deadline));
            return Frames.text(socket.readFully(length, deadline));
        }
    }
}
