package org.mpathbus.shell.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.apache.felix.gogo.runtime.EOFError;
import org.apache.felix.gogo.runtime.Parser;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;

/**
 * Reads statements from the console's input and runs each as a top-level job of the session, as Gogo's
 * console does but from a thread that is no Gogo job: Gogo's console runs inside the job of {@code gosh},
 * and Gogo 1.1.6 keeps every finished child job, so each line typed or piped stayed on the heap.
 * A statement may span lines (an open brace or quote); one longer than {@link #MAX_STATEMENT_CHARS} is
 * refused whole.
 */
final class ConsoleLoop {

    static final int MAX_STATEMENT_CHARS = 64 * 1024;
    private static final String PROMPT = "g! ";

    private final CommandSession session;
    private final ScriptSource scripts;
    private final InputStream in;
    private final PrintStream out;
    private int lineNumber;

    ConsoleLoop(CommandSession session, ScriptSource scripts, InputStream in, PrintStream out) {
        this.session = session;
        this.scripts = scripts;
        this.in = in;
        this.out = out;
    }

    /** Runs statements until the input ends. */
    void run() throws IOException, InterruptedException {
        while (!Thread.currentThread().isInterrupted()) {
            out.print(PROMPT);
            out.flush();
            String statement = readStatement();
            if (statement == null) {
                return;
            }
            if (!statement.isBlank()) {
                execute(statement);
                scripts.awaitIdle();
            }
        }
    }

    private void execute(String statement) {
        try {
            Object result = session.execute(statement);
            if (result != null) {
                session.put("_", result);
                if (!Boolean.FALSE.equals(session.get(".Gogo.format"))) {
                    out.println(session.format(result, Converter.INSPECT));
                }
            }
        } catch (Exception e) {
            session.put("exception", e);
            out.println("gogo: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        out.flush();
    }

    /** The next complete statement, null at the end of the input. */
    private String readStatement() throws IOException {
        StringBuilder statement = new StringBuilder();
        while (true) {
            String line = readLine();
            if (line == null) {
                return statement.length() == 0 ? null : statement.toString();
            }
            if (statement.length() + line.length() > MAX_STATEMENT_CHARS) {
                out.println("console: the statement ending on input line " + lineNumber + " is longer than "
                        + MAX_STATEMENT_CHARS + " characters; not run");
                return "";
            }
            statement.append(line);
            if (complete(statement)) {
                return statement.toString();
            }
            statement.append('\n');
        }
    }

    private static boolean complete(CharSequence statement) {
        try {
            new Parser(statement).program();
            return true;
        } catch (EOFError e) {
            return false;
        } catch (RuntimeException e) {
            return true; // a syntax error: executing it reports it with its place
        }
    }

    /** One line without its end, null at the end of the input; a line too long is cut at the limit + 1. */
    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (line.size() <= MAX_STATEMENT_CHARS) {
                line.write(b);
            }
        }
        if (b < 0 && line.size() == 0) {
            return null;
        }
        lineNumber++;
        String text = line.toString(StandardCharsets.UTF_8);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }
}
