package org.mpathbus.exporter.prometheus.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.LongSupplier;
import java.util.zip.GZIPOutputStream;

import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * Renders scrapes one at a time on one thread and shares each rendering's bytes among the scrapes that
 * asked for it. Every scrape gets a rendering begun after its request came (counters are read for it), but
 * the scrapes that wait meanwhile for the same kind share one. At most {@link #HELD} renderings are kept
 * for the writers still sending them, beside the one being made: a new one cuts off the writers of the
 * oldest, once that is {@link #MINIMUM_HOLD} old, so a client that never reads costs one rendering's bytes
 * for a while, never more.
 */
final class Renderings implements AutoCloseable {

    static final int HELD = 2;
    static final Duration MINIMUM_HOLD = Duration.ofSeconds(2);
    /** Rendered bytes go out in slices: a socket write copies a heap buffer whole into a direct one. */
    private static final int SLICE = 64 * 1024;

    /** What a scrape asked for: the format, its name escaping, and gzip. */
    record Kind(ExpositionFormatWriter writer, EscapingScheme escaping, boolean gzip) {
    }

    /** A scrape waiting for its rendering; {@code cutOff} ends its connection. */
    interface Waiter {
        void rendered(Rendering rendering);

        void failed(Exception e);

        void cutOff();
    }

    /** One rendering's bytes, shared by its writers, read-only. */
    static final class Rendering {
        private final Kind kind;
        private final byte[] bytes;
        private final int length;
        private final long made;
        private final Set<Waiter> writers = new HashSet<>();

        private Rendering(Kind kind, byte[] bytes, int length, long made) {
            this.kind = kind;
            this.bytes = bytes;
            this.length = length;
            this.made = made;
        }

        Kind kind() {
            return kind;
        }

        int length() {
            return length;
        }

        /** The bytes as slices of their own, for one writer. */
        List<ByteBuffer> slices() {
            List<ByteBuffer> slices = new ArrayList<>(length / SLICE + 1);
            for (int at = 0; at < length; at += SLICE) {
                slices.add(ByteBuffer.wrap(bytes, at, Math.min(SLICE, length - at)).slice().asReadOnlyBuffer());
            }
            return slices;
        }
    }

    private final PrometheusRegistry registry;
    private final LongSupplier clock;
    private final ExecutorService renderer = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "mpathbus-metrics-render");
        thread.setDaemon(true);
        return thread;
    });
    /** Guarded by this: scrapes whose kind is queued but not begun, and the renderings still being sent. */
    private final Map<Kind, List<Waiter>> queued = new HashMap<>();
    private final Deque<Rendering> held = new ArrayDeque<>();
    private final Map<Kind, Integer> lastLength = new HashMap<>();
    private boolean closed;

    Renderings(PrometheusRegistry registry, LongSupplier nanoClock) {
        this.registry = registry;
        this.clock = nanoClock;
    }

    /** Hands {@code waiter} a rendering of {@code kind} begun after this call, on the render thread. */
    void scrape(Kind kind, Waiter waiter) {
        synchronized (this) {
            if (!closed) {
                List<Waiter> waiters = queued.get(kind);
                if (waiters != null) {
                    waiters.add(waiter);
                    return;
                }
                List<Waiter> first = new ArrayList<>();
                first.add(waiter);
                queued.put(kind, first);
                renderer.execute(() -> render(kind));
                return;
            }
        }
        waiter.cutOff();
    }

    /** A writer is done with its rendering (sent, failed or cut off). */
    synchronized void release(Rendering rendering, Waiter writer) {
        if (rendering.writers.remove(writer) && rendering.writers.isEmpty()) {
            held.remove(rendering);
            notifyAll();
        }
    }

    /** Renderings still held by writers; for tests. */
    synchronized int held() {
        return held.size();
    }

    private void render(Kind kind) {
        List<Waiter> waiters;
        try {
            makeRoom();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            waiters = queued.remove(kind);
            if (closed) {
                waiters.forEach(Waiter::cutOff);
                return;
            }
        }
        Rendering rendering;
        try {
            rendering = make(kind);
        } catch (IOException | RuntimeException e) {
            waiters.forEach(waiter -> waiter.failed(e));
            return;
        }
        synchronized (this) {
            rendering.writers.addAll(waiters);
            held.addLast(rendering);
        }
        waiters.forEach(waiter -> waiter.rendered(rendering));
    }

    /** Waits until fewer than HELD renderings are held, cutting off the oldest's writers once it may be. */
    private void makeRoom() throws InterruptedException {
        while (true) {
            List<Waiter> cut;
            synchronized (this) {
                if (held.size() < HELD || closed) {
                    return;
                }
                Rendering oldest = held.peekFirst();
                long wait = oldest.made + MINIMUM_HOLD.toNanos() - clock.getAsLong();
                if (wait > 0) {
                    wait(Math.max(1, wait / 1_000_000));
                    continue;
                }
                held.removeFirst();
                cut = List.copyOf(oldest.writers);
                oldest.writers.clear();
            }
            cut.forEach(Waiter::cutOff);
        }
    }

    private Rendering make(Kind kind) throws IOException {
        int expected;
        synchronized (this) {
            expected = lastLength.getOrDefault(kind, 64 * 1024);
        }
        Bytes bytes = new Bytes(expected + expected / 8);
        try (OutputStream out = kind.gzip() ? new GZIPOutputStream(bytes, SLICE) : bytes) {
            kind.writer().write(out, registry.scrape(), kind.escaping());
        }
        synchronized (this) {
            lastLength.put(kind, bytes.size());
        }
        return new Rendering(kind, bytes.array(), bytes.size(), clock.getAsLong());
    }

    @Override
    public void close() {
        List<Waiter> cut = new ArrayList<>();
        synchronized (this) {
            closed = true;
            held.forEach(rendering -> cut.addAll(rendering.writers));
            held.clear();
            notifyAll();
        }
        renderer.shutdown();
        cut.forEach(Waiter::cutOff);
    }

    /** A byte array stream whose array is the rendering: no copy when it is done. */
    private static final class Bytes extends ByteArrayOutputStream {
        Bytes(int size) {
            super(size);
        }

        byte[] array() {
            return buf;
        }
    }
}
