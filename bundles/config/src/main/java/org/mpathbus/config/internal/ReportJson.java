package org.mpathbus.config.internal;

import com.google.gson.FormattingStyle;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;

/** How mpath:config writes JSON: like the shell's commands, indented by three spaces, nulls kept. */
final class ReportJson {

    static final Gson INDENTED = builder().setFormattingStyle(FormattingStyle.PRETTY.withIndent("   ")).create();
    static final Gson ONE_LINE = builder().setFormattingStyle(FormattingStyle.COMPACT).create();

    private ReportJson() {
    }

    private static GsonBuilder builder() {
        return new GsonBuilder().serializeNulls().disableHtmlEscaping();
    }
}
