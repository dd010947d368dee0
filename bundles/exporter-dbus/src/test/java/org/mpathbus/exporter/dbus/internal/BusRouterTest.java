package org.mpathbus.exporter.dbus.internal;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.Test;

public class BusRouterTest {

    @Test
    public void concurrentRefreshCallsShareOneReRead() throws Exception {
        FakeEngine engine = new FakeEngine(1, 2);
        AtomicInteger reads = new AtomicInteger();
        BusRouter router = new BusRouter(() -> {
            reads.incrementAndGet();
            Thread.sleep(300);
            return engine.topology().generation();
        });
        router.publish(ModelBuilder.build(engine.topology(), null, "0.1.0", null));
        ExecutorService callers = Executors.newFixedThreadPool(8);
        try {
            List<Future<Long>> replies = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                replies.add(callers.submit(() -> router.Refresh().longValue()));
            }
            for (Future<Long> reply : replies) {
                assertEquals(engine.topology().generation(), reply.get(10, TimeUnit.SECONDS).longValue());
            }
        } finally {
            callers.shutdownNow();
        }
        assertTrue("8 callers at once caused " + reads.get() + " re-reads", reads.get() <= 2);
    }
}
