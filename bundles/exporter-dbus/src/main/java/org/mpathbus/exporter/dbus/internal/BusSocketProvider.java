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
 * messages before dbus-java dispatches them and tells it of every message once it is on the socket; every
 * connection's writer sends a {@link PrebuiltReply} as its bytes stand. Everything else passes through
 * unchanged.
 */
public final class BusSocketProvider implements ISocketProvider {

    /** Sees every message of one connection: incoming ones before dbus-java, outgoing ones once written. */
    interface CallInterceptor {
        /** Takes an incoming message away from dbus-java's dispatch when it returns true (reader thread). */
        boolean intercept(Message message);

        /** {@code message} is on the socket, or could not be written (dbus-java's sender thread). */
        void written(Message message);
    }

    private static final ThreadLocal<CallInterceptor> BINDING = new ThreadLocal<>();

    /**
     * Makes the connection that the calling thread builds while the returned handle is open use
     * {@code interceptor} (dbus-java creates the reader and the writer on the thread that builds the connection).
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
        return new WholeMessageWriter(new OutputStreamMessageWriter(channel), channel, BINDING.get());
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
        private static final int WRITE_SLICE = 256 * 1024;
        private final IMessageWriter writer;
        private final SocketChannel channel;
        /** Null for a connection built without {@link #bind}. */
        private final CallInterceptor interceptor;

        WholeMessageWriter(IMessageWriter writer, SocketChannel channel, CallInterceptor interceptor) {
            this.writer = writer;
            this.channel = channel;
            this.interceptor = interceptor;
        }

        @Override
        public void writeMessage(Message message) throws IOException {
            try {
                // A shared reply body goes out as it is, never copied into a per-caller buffer
                if (message instanceof PrebuiltReply reply) {
                    write(reply.header());
                    write(reply.body());
                } else {
                    write(joined(message));
                }
            } finally {
                if (interceptor != null) {
                    interceptor.written(message);
                }
            }
        }

        /**
         * Writes in slices: the JDK copies a heap buffer into a temporary direct buffer of its size and keeps that
         * buffer per thread, so a whole 12 MB body would pin 12 MB of native memory in the sender thread.
         */
        private void write(byte[] bytes) throws IOException {
            for (int at = 0; at < bytes.length; at += WRITE_SLICE) {
                ByteBuffer slice = ByteBuffer.wrap(bytes, at, Math.min(WRITE_SLICE, bytes.length - at));
                while (slice.hasRemaining()) {
                    channel.write(slice);
                }
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
