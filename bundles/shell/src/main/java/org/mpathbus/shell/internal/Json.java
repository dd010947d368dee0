package org.mpathbus.shell.internal;

import com.google.gson.FormattingStyle;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;

/**
 * The shell's JSON, written by Gson: indented by three spaces as multipathd indents its own (each document with
 * a final newline), or on one line to quote a value inside text. Nulls are written, never dropped.
 */
final class Json {

    private static final Gson INDENTED = new GsonBuilder().setFormattingStyle(FormattingStyle.PRETTY.withIndent("   "))
            .serializeNulls().disableHtmlEscaping().create();
    private static final Gson ONE_LINE = new GsonBuilder().setFormattingStyle(FormattingStyle.COMPACT)
            .serializeNulls().disableHtmlEscaping().create();

    private Json() {
    }

    static String indented(JsonElement document) {
        return INDENTED.toJson(document) + "\n";
    }

    static String oneLine(JsonElement document) {
        return ONE_LINE.toJson(document);
    }

    /** A string as a JSON string literal, quotes included. */
    static String quoted(String text) {
        return oneLine(new JsonPrimitive(text));
    }
}
