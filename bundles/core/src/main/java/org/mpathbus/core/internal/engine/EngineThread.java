package org.mpathbus.core.internal.engine;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one thread that owns the engine's state. Tasks run one at a time in submission order (timed ones
 * when due); a task that fails is logged and the thread lives on. After {@link #close()} new tasks are
 * quietly dropped: the engine is gone, so there is nothing left to update.
 */
final class EngineThread implements AutoCloseable {

    private static final Logger LOG = System.getLogger(EngineThread.class.getName());

    private final ScheduledThreadPoolExecutor executor;

    EngineThread(String name) {
        executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
    }

    void execute(Runnable task) {
        try {
            executor.execute(guarded(task));
        } catch (RejectedExecutionException e) {
            // Closed.
        }
    }

    void schedule(Runnable task, Duration delay) {
        try {
            executor.schedule(guarded(task), delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            // Closed.
        }
    }

    ScheduledFuture<?> scheduleWithFixedDelay(Runnable task, Duration interval) {
        long nanos = interval.toNanos();
        return executor.scheduleWithFixedDelay(guarded(task), nanos, nanos, TimeUnit.NANOSECONDS);
    }

    /** Runs {@code task} on this thread; the future fails with what the task threw. */
    <T> Future<T> submit(Callable<T> task) {
        return executor.submit(task);
    }

    /**
     * Runs {@code task} on this thread and waits for it at most {@code limit} (a service unbinding must
     * not hang SCR behind a slow source read); failures are logged.
     */
    void runAndWait(Runnable task, Duration limit) {
        Future<?> done;
        try {
            done = executor.submit(task);
        } catch (RejectedExecutionException e) {
            return;
        }
        try {
            done.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.log(Level.ERROR, "topology engine task failed", e.getCause());
        } catch (TimeoutException e) {
            LOG.log(Level.WARNING, "the topology engine is busy for more than {0} s; going on without waiting",
                    limit.toSeconds());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException | Error e) {
                LOG.log(Level.ERROR, "topology engine task failed; the last good snapshot stays in force", e);
            }
        };
    }
}
