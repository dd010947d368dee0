package org.mpathbus.control.multipathd.internal;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A JDK Unix socket server in a file that speaks libmpathcmd's framing, written from the C side's
 * description (size_t length in host order counting the NUL, then the bytes), not from our Frames: each
 * command is checked to end with its NUL, and {@code answer} gives the reply text (null: never answer).
 */
final class FakeMultipathd implements AutoCloseable {

    private final ServerSocketChannel server;
    private final Path socket;
    private final Function<String, String> answer;
    private final List<String> commands = new CopyOnWriteArrayList<>();
    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final Thread thread;

    FakeMultipathd(Path socket, Function<String, String> answer) throws IOException {
        this.socket = socket;
        this.answer = answer;
        Files.deleteIfExists(socket);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        thread = new Thread(this::serve, "fake-multipathd");
        thread.setDaemon(true);
        thread.start();
    }

    Endpoint endpoint() {
        return Endpoint.file(socket.toString());
    }

    List<String> commands() {
        return commands;
    }

    List<String> problems() {
        return problems;
    }

    private void serve() {
        while (server.isOpen()) {
            try {
                SocketChannel client = server.accept();
                Thread one = new Thread(() -> answer(client), "fake-multipathd-client");
                one.setDaemon(true);
                one.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void answer(SocketChannel client) {
        try (client) {
            ByteBuffer header = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(client, header);
            long length = header.flip().getLong();
            ByteBuffer body = ByteBuffer.allocate((int) length);
            readFully(client, body);
            byte[] bytes = body.array();
            if (bytes.length == 0 || bytes[bytes.length - 1] != 0) {
                problems.add("command without its NUL: " + new String(bytes, StandardCharsets.UTF_8));
            }
            String command = new String(bytes, 0, Math.max(0, bytes.length - 1), StandardCharsets.UTF_8);
            commands.add(command);
            String reply = answer.apply(command);
            if (reply == null) {
                Thread.sleep(Long.MAX_VALUE);
            }
            byte[] text = (reply + "\0").getBytes(StandardCharsets.UTF_8);
            ByteBuffer frame = ByteBuffer.allocate(8 + text.length).order(ByteOrder.LITTLE_ENDIAN);
            frame.putLong(text.length).put(text).flip();
            while (frame.hasRemaining()) {
                client.write(frame);
            }
        } catch (IOException | InterruptedException e) {
            // the client went away
        }
    }

    private static void readFully(SocketChannel client, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            if (client.read(buffer) < 0) {
                throw new IOException("client closed");
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(socket);
    }
}
