package org.mpathbus.shell.internal;

import java.io.BufferedInputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.Hashtable;
import java.util.concurrent.CountDownLatch;

import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * The daemon's console on standard input (bin/mpathbusd sets {@code mpathbus.console=true} and starts
 * Gogo's own shell with --nointeractive): a session with Gogo's login settings whose {@code source} is
 * {@link ScriptSource} (scope {@code console}, searched first), fed by {@link ConsoleLoop}. At the end of
 * the input the daemon stops, as Gogo's console did.
 */
@Component(immediate = true, service = {})
public final class ScriptConsole {

    static final String ENABLED_PROPERTY = "mpathbus.console";

    /**
     * Gogo's login profile (gogo.shell's gosh_profile, which sets it in a session of its own) with the
     * console's scope first, so that {@code source} is {@link ScriptSource}.
     */
    private static final String PROFILE = String.join("\n",
            "SCOPE = 'console:gogo:*'",
            "addcommand context ${.context}",
            "addcommand system (((${.context} bundles) 0) loadclass java.lang.System)",
            "e = { $exception printStackTrace }",
            "prompt = 'g! '");

    private final ServiceRegistration<ScriptSource> source;
    private final Thread thread;

    @Activate
    public ScriptConsole(@Reference CommandProcessor processor, BundleContext context) {
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(CommandProcessor.COMMAND_SCOPE, "console");
        properties.put(CommandProcessor.COMMAND_FUNCTION, new String[] {"source"});
        ScriptSource scripts = new ScriptSource();
        source = context.registerService(ScriptSource.class, scripts, properties);
        if (Boolean.parseBoolean(context.getProperty(ENABLED_PROPERTY))) {
            thread = new Thread(() -> serve(processor, scripts, context), "mpathbus-console");
            thread.setDaemon(true); // a read of standard input cannot be interrupted; it must not hold the stop
            thread.start();
        } else {
            thread = null;
        }
    }

    private static void serve(CommandProcessor processor, ScriptSource scripts, BundleContext context) {
        InputStream in = new BufferedInputStream(new FileInputStream(FileDescriptor.in));
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
        try (CommandSession session = processor.createSession(in, out,
                new PrintStream(new FileOutputStream(FileDescriptor.err), true))) {
            awaitStarted(context);
            session.execute(PROFILE);
            new ConsoleLoop(session, scripts, in, out).run();
        } catch (InterruptedException e) {
            return;
        } catch (Exception e) {
            out.println("console: " + e);
        }
        if (!Thread.currentThread().isInterrupted()) {
            stopDaemon(context);
        }
    }

    /** Waits until every bundle of the start level has started, so that the first line finds its command. */
    private static void awaitStarted(BundleContext context) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        FrameworkListener listener = event -> {
            if (event.getType() == FrameworkEvent.STARTED) {
                started.countDown();
            }
        };
        context.addFrameworkListener(listener);
        try {
            if (context.getBundle(0).getState() != Bundle.ACTIVE) {
                started.await();
            }
        } finally {
            context.removeFrameworkListener(listener);
        }
    }

    private static void stopDaemon(BundleContext context) {
        try {
            context.getBundle(0).stop();
        } catch (BundleException | IllegalStateException e) {
            System.err.println("console: the input ended but the daemon could not stop: " + e);
        }
    }

    @Deactivate
    void deactivate() {
        source.unregister();
        if (thread != null) {
            thread.interrupt();
        }
    }
}
