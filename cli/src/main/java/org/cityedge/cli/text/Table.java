package org.cityedge.cli.text;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A table printed with aligned columns, two spaces apart; an absent cell prints as {@code -}. */
public final class Table {

    private final List<String[]> rows = new ArrayList<>();
    private final boolean withHeader;

    private Table(String[] header) {
        withHeader = header != null;
        if (header != null) {
            rows.add(header);
        }
    }

    /** A table whose first line names the columns. */
    public static Table withHeader(String... header) {
        return new Table(header);
    }

    /** Label / value lines, e.g. a settings list. */
    public static Table plain() {
        return new Table(null);
    }

    public Table row(Object... cells) {
        rows.add(Arrays.stream(cells).map(Table::cell).toArray(String[]::new));
        return this;
    }

    public boolean isEmpty() {
        return rows.size() == (withHeader ? 1 : 0);
    }

    public void print(PrintStream out) {
        int columns = rows.stream().mapToInt(r -> r.length).max().orElse(0);
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(row[i]);
                if (i < row.length - 1) {
                    line.append(" ".repeat(widths[i] - row[i].length() + 2));
                }
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static String cell(Object value) {
        if (value == null) {
            return "-";
        }
        String text = value.toString();
        return text.isEmpty() ? "-" : text;
    }
}
