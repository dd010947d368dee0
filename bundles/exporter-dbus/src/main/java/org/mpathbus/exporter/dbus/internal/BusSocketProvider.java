package org.mpathbus.exporter.dbus.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.messages.Message;
import org.freedesktop.dbus.spi.message.IMessageReader;
import org.freedesktop.dbus.spi.message.IMessageWriter;
import org.freedesktop.dbus.spi.message.ISocketProvider;
import org.freedesktop.dbus.spi.message.InputStreamMessageReader;
import org.freedesktop.dbus.spi.message.OutputStreamMessageWriter;

/**
 * dbus-java's socket SPI (found by ServiceLoader on this bundle's class loader), wrapping its built-in reader
 * and writer. A connection built while {@link #bind} is in force lets a {@link CallInterceptor} take incoming
 * messages before dbus-java dispatches them; every connection's writer sends a {@link PrebuiltReply} as its
 * bytes stand. Everything else passes through unchanged.
 */
public final class BusSocketProvider implements ISocketProvider {

    /** Takes an incoming message away from dbus-java's dispatch when it returns true. */
    @FunctionalInterface
    interface CallInterceptor {
        boolean intercept(Message message);
    }

    private static final ThreadLocal<CallInterceptor> BINDING = new ThreadLocal<>();

    /**
     * Makes the connection that the calling thread builds while the returned handle is open use
     * {@code interceptor} (dbus-java creates the reader on the thread that builds the connection).
     */
    static AutoCloseable bind(CallInterceptor interceptor) {
        BINDING.set(interceptor);
        return BINDING::remove;
    }

    @Override
    public IMessageReader createReader(SocketChannel channel) throws IOException {
        InputStreamMessageReader reader = new InputStreamMessageReader(channel);
        CallInterceptor interceptor = BINDING.get();
        return interceptor == null ? reader : new InterceptingReader(reader, interceptor);
    }

    @Override
    public IMessageWriter createWriter(SocketChannel channel) throws IOException {
        return new WholeMessageWriter(new OutputStreamMessageWriter(channel), channel);
    }

    @Override
    public void setFileDescriptorSupport(boolean support) {
        // The API passes no file descriptors
    }

    @Override
    public boolean isFileDescriptorPassingSupported() {
        return false;
    }

    private static final class InterceptingReader implements IMessageReader {
        private final IMessageReader reader;
        private final CallInterceptor interceptor;

        InterceptingReader(IMessageReader reader, CallInterceptor interceptor) {
            this.reader = reader;
            this.interceptor = interceptor;
        }

        @Override
        public Message readMessage() throws IOException, DBusException {
            while (true) {
                Message message = reader.readMessage();
                if (message == null || !interceptor.intercept(message)) {
                    return message;
                }
            }
        }

        @Override
        public boolean isClosed() {
            return reader.isClosed();
        }

        @Override
        public void close() throws IOException {
            reader.close();
        }
    }

    /** Called only from dbus-java's single sender thread, so writes never interleave. */
    private static final class WholeMessageWriter implements IMessageWriter {
        private final IMessageWriter writer;
        private final SocketChannel channel;

        WholeMessageWriter(IMessageWriter writer, SocketChannel channel) {
            this.writer = writer;
            this.channel = channel;
        }

        @Override
        public void writeMessage(Message message) throws IOException {
            ByteBuffer bytes = ByteBuffer.wrap(message instanceof PrebuiltReply reply ? reply.wire() : joined(message));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        }

        private static byte[] joined(Message message) {
            byte[][] chunks = message.getWireData();
            int length = 0;
            for (byte[] chunk : chunks) {
                length += chunk == null ? 0 : chunk.length;
            }
            byte[] whole = new byte[length];
            int at = 0;
            for (byte[] chunk : chunks) {
                if (chunk != null) {
                    System.arraycopy(chunk, 0, whole, at, chunk.length);
                    at += chunk.length;
                }
            }
            return whole;
        }

        @Override
        public boolean isClosed() {
            return writer.isClosed();
        }

        @Override
        public void close() throws IOException {
            writer.close();
        }
    }
}
