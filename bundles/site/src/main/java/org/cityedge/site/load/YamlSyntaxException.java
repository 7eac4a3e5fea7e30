package org.cityedge.site.load;

/** A file that is not a single well-formed YAML document, with the line where reading stopped. */
final class YamlSyntaxException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int line;
    private final String field;

    YamlSyntaxException(int line, String message) {
        this(line, "", message);
    }

    YamlSyntaxException(int line, String field, String message) {
        super(message);
        this.line = line;
        this.field = field;
    }

    /** The field the error is at, e.g. a duplicated key; empty when the text is not YAML at all. */
    String field() {
        return field;
    }

    /** 1-based line, or 0 when the parser did not say. */
    int line() {
        return line;
    }
}
