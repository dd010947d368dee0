package org.mpathbus.shell.internal;

import java.util.ArrayList;
import java.util.List;

/** A plain text table: a header, rows, columns padded to their widest cell, two spaces apart. */
final class TextTable {

    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    TextTable(String... header) {
        columns = header.length;
        rows.add(header);
    }

    TextTable row(String... cells) {
        if (cells.length != columns) {
            throw new IllegalArgumentException("a row of this table has " + columns + " cells, not " + cells.length);
        }
        rows.add(cells);
        return this;
    }

    @Override
    public String toString() {
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int column = 0; column < columns; column++) {
                widths[column] = Math.max(widths[column], row[column].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            for (int column = 0; column < columns; column++) {
                if (column == columns - 1) {
                    out.append(row[column]);
                } else {
                    pad(out, row[column], widths[column]);
                    out.append("  ");
                }
            }
            out.append('\n');
        }
        return out.toString();
    }

    static void pad(StringBuilder out, String text, int width) {
        out.append(text);
        for (int i = text.length(); i < width; i++) {
            out.append(' ');
        }
    }
}
