package org.mpathbus.core.internal.checks;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A fixed number of worker slots that run checks from one queue. A check that outlives its timeout gives
 * its slot to a fresh thread ({@link #replaceStuckWorker()}), and its own thread ends once the check
 * returns; so the threads beyond the slots are bounded by the number of paths stuck right now (at most
 * one check per path is ever in flight), as in multipathd.
 */
final class CheckWorkerPool implements AutoCloseable {

    /** A task that can tell, once it has run, that a replacement took its worker's slot meanwhile. */
    interface Task extends Runnable {
        default boolean gaveUpSlot() {
            return false;
        }
    }

    private static final Logger LOG = System.getLogger(CheckWorkerPool.class.getName());

    private final BlockingQueue<Task> queue = new LinkedBlockingQueue<>();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final AtomicInteger threadNumber = new AtomicInteger();
    private volatile boolean closed;

    CheckWorkerPool(int slots) {
        for (int i = 0; i < slots; i++) {
            startWorker();
        }
    }

    void submit(Task task) {
        if (!closed) {
            queue.add(task);
        }
    }

    /** Called when a check timed out: its thread is stuck, so another thread takes the slot. */
    void replaceStuckWorker() {
        if (!closed) {
            startWorker();
        }
    }

    /** Threads alive now (slots plus stuck ones); for tests and diagnostics. */
    int threadCount() {
        return threads.size();
    }

    private void startWorker() {
        Thread thread = new Thread(this::work, "mpathbus-check-" + threadNumber.incrementAndGet());
        thread.setDaemon(true);
        threads.add(thread);
        thread.start();
    }

    private void work() {
        try {
            while (!closed) {
                Task task = queue.take();
                try {
                    task.run();
                } catch (RuntimeException | Error e) {
                    LOG.log(Level.ERROR, "check task failed", e);
                }
                if (task.gaveUpSlot()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            threads.remove(Thread.currentThread());
        }
    }

    @Override
    public void close() {
        closed = true;
        queue.clear();
        threads.forEach(Thread::interrupt);
    }
}
