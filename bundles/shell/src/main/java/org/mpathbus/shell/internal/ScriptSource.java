package org.mpathbus.shell.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Job;

/**
 * The console's {@code source}: runs a script's statements as top-level jobs of the session. Gogo's own
 * {@code gogo:source} runs them inside the job of the line that called it, and Gogo 1.1.6 never drops a
 * finished child job, so every statement's pipe and its stream buffers (about 48 KB) stayed on the heap
 * until the daemon ran out. A thread of its own has no current job, so each statement's job leaves the
 * session's list when it is done.
 */
public final class ScriptSource {

    /** The largest script read; what is larger is refused before it is read. */
    static final long MAX_SCRIPT_BYTES = 16L << 20;

    private int running;

    @Descriptor("run a script of console commands (statements run one after another, $0 is the script,"
            + " $args its arguments; at most 16 MiB)")
    public Object source(CommandSession session,
            @Descriptor("the script, a file name relative to the current directory") String script,
            @Descriptor("arguments, $1 ... and $args in the script") String... arguments) throws Exception {
        Path file = session.currentDir() == null ? Path.of(script) : session.currentDir().resolve(script);
        String text = read(file);
        Object previousName = session.put("0", file.toString());
        Object previousArgs = session.put("args", List.of(arguments));
        try {
            return runWithoutJob(session, text);
        } finally {
            session.put("0", previousName);
            session.put("args", previousArgs);
        }
    }

    static String read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("source: " + file + " is not a file");
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) MAX_SCRIPT_BYTES + 1);
            if (bytes.length > MAX_SCRIPT_BYTES) {
                throw new IOException("source: " + file + " is larger than " + MAX_SCRIPT_BYTES + " bytes; not run");
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /**
     * Executes {@code text} in {@code session} on a thread with no current Gogo job, and waits for it. A
     * session has one foreground job and each statement's job takes that place in turn, so the calling job
     * steps back to the background meanwhile; Gogo then returns the calling line at once, and the console
     * waits for {@link #awaitIdle} before it reads the next.
     */
    Object runWithoutJob(CommandSession session, CharSequence text) throws Exception {
        Job caller = Job.Utils.current();
        synchronized (this) {
            running++;
        }
        try {
            if (caller != null) {
                caller.background(); // for good: back in the foreground it would race the console's next line
            }
            return runOnOwnThread(session, text);
        } finally {
            synchronized (this) {
                running--;
                notifyAll();
            }
        }
    }

    /** Returns once no script runs. */
    synchronized void awaitIdle() throws InterruptedException {
        while (running > 0) {
            wait();
        }
    }

    private static Object runOnOwnThread(CommandSession session, CharSequence text) throws Exception {
        Object[] result = new Object[1];
        Exception[] failure = new Exception[1];
        Thread worker = new Thread(() -> {
            try {
                result[0] = session.execute(text);
            } catch (Exception e) {
                failure[0] = e;
            }
        }, "mpathbus-console-script");
        worker.start();
        try {
            worker.join();
        } catch (InterruptedException e) {
            worker.interrupt();
            Thread.currentThread().interrupt();
            throw e;
        }
        if (failure[0] != null) {
            throw failure[0];
        }
        return result[0];
    }
}
