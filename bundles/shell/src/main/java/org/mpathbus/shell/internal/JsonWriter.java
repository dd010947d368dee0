package org.mpathbus.shell.internal;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * Writes JSON (RFC 8259) into a string, with every string escaped: indented for scripts and people, or on
 * one line to quote a value inside text. Just enough for the shell's output: objects, arrays, strings,
 * integers, booleans and null.
 */
final class JsonWriter {

    private static final String INDENT = "   ";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder out = new StringBuilder();
    private final boolean indented;
    /** For every open object or array: whether it has an element yet. */
    private final Deque<boolean[]> scopes = new ArrayDeque<>();
    private boolean afterName;

    /** A writer of indented JSON. */
    JsonWriter() {
        this(true);
    }

    private JsonWriter(boolean indented) {
        this.indented = indented;
    }

    /** A writer of JSON on one line, without spaces. */
    static JsonWriter compact() {
        return new JsonWriter(false);
    }

    JsonWriter beginObject() {
        beforeValue();
        out.append('{');
        scopes.push(new boolean[1]);
        return this;
    }

    JsonWriter endObject() {
        return close('}');
    }

    JsonWriter beginArray() {
        beforeValue();
        out.append('[');
        scopes.push(new boolean[1]);
        return this;
    }

    JsonWriter endArray() {
        return close(']');
    }

    JsonWriter name(String name) {
        if (afterName || scopes.isEmpty()) {
            throw new IllegalStateException("a name belongs inside an object, before its value: " + name);
        }
        nextElement();
        quote(name);
        out.append(indented ? ": " : ":");
        afterName = true;
        return this;
    }

    JsonWriter value(String value) {
        beforeValue();
        quote(value);
        return this;
    }

    JsonWriter value(long value) {
        beforeValue();
        out.append(value);
        return this;
    }

    JsonWriter value(boolean value) {
        beforeValue();
        out.append(value);
        return this;
    }

    JsonWriter nullValue() {
        beforeValue();
        out.append("null");
        return this;
    }

    JsonWriter field(String name, String value) {
        return name(name).value(value);
    }

    /** The value, or null when it is empty. */
    JsonWriter field(String name, Optional<String> value) {
        name(name);
        return value.isPresent() ? value(value.get()) : nullValue();
    }

    JsonWriter field(String name, long value) {
        return name(name).value(value);
    }

    JsonWriter field(String name, boolean value) {
        return name(name).value(value);
    }

    /** The document written so far, with a final newline once it is complete. */
    @Override
    public String toString() {
        return scopes.isEmpty() ? out + "\n" : out.toString();
    }

    /** Escapes a string as a JSON string literal, quotes included. */
    static String quoted(String text) {
        JsonWriter writer = new JsonWriter();
        writer.quote(text);
        return writer.out.toString();
    }

    private void quote(String text) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xf]);
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private JsonWriter close(char bracket) {
        if (scopes.isEmpty() || afterName) {
            throw new IllegalStateException("nothing to close with " + bracket);
        }
        boolean hadElements = scopes.pop()[0];
        if (hadElements) {
            newline();
        }
        out.append(bracket);
        return this;
    }

    private void beforeValue() {
        if (afterName) {
            afterName = false;
            return;
        }
        if (scopes.isEmpty()) {
            if (out.length() > 0) {
                throw new IllegalStateException("a JSON document has one top-level value");
            }
            return;
        }
        nextElement();
    }

    private void nextElement() {
        boolean[] scope = scopes.peek();
        if (scope[0]) {
            out.append(',');
        }
        scope[0] = true;
        newline();
    }

    private void newline() {
        if (!indented) {
            return;
        }
        out.append('\n');
        for (int i = 0; i < scopes.size(); i++) {
            out.append(INDENT);
        }
    }
}
