package org.mpathbus.exporter.dbus.control.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Test;
import org.mpathbus.api.Topology;
import org.mpathbus.exporter.dbus.spi.BusError;

/** Re-reads after a change: bounded in threads and queue, and each ends with its call's deadline. */
public class EffectWaitTest {

    private final FakeExport export = new FakeExport(San.initial("devmapper"));
    private final ThreadPoolExecutor pool = EffectWait.rereadPool();
    private final EffectWait wait = new EffectWait(export, export, pool);

    @After
    public void stop() {
        pool.shutdownNow();
    }

    private CompletableFuture<Optional<Topology>> awaitReread(Duration deadline) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return wait.await(Effect.reread("reconfigure"), Deadline.after(deadline));
            } catch (BusError | InterruptedException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    public void aHungSourceHoldsAFewThreadsAFewPlacesAndOnlyUntilTheDeadline() throws Exception {
        export.refreshTakes = Duration.ofHours(1);
        List<CompletableFuture<Optional<Topology>>> waiting = new ArrayList<>();
        for (int i = 0; i < EffectWait.REREAD_THREADS + EffectWait.REREADS_QUEUED; i++) {
            waiting.add(awaitReread(Duration.ofSeconds(3)));
        }
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (pool.getActiveCount() < EffectWait.REREAD_THREADS || pool.getQueue().size() < EffectWait.REREADS_QUEUED) {
            assertTrue("the re-reads did not all start or queue", System.nanoTime() < until);
            Thread.sleep(10);
        }
        BusError busy = assertThrows(BusError.class,
                () -> wait.await(Effect.reread("reconfigure"), Deadline.after(Duration.ofSeconds(3))));
        assertEquals(BusError.BUSY, busy.errorName());
        for (CompletableFuture<Optional<Topology>> call : waiting) {
            assertEquals("a call whose re-read hangs ends at its deadline, its effect unconfirmed", Optional.empty(),
                    call.get(20, TimeUnit.SECONDS));
        }
        while (pool.getActiveCount() > 0 || !pool.getQueue().isEmpty()) {
            assertTrue("re-reads nobody waits for went on", System.nanoTime() < until + TimeUnit.SECONDS.toNanos(10));
            Thread.sleep(10);
        }
        export.refreshTakes = Duration.ZERO;
        long before = export.topology().generation();
        Optional<Topology> shown = wait.await(Effect.reread("reconfigure"), Deadline.after(Duration.ofSeconds(5)));
        assertTrue("the freed threads serve the next call", shown.isPresent() && shown.get().generation() > before);
    }
}
