package org.cityedge.site.load;

import org.cityedge.api.site.ConfigProblem;

/** One line per problem for logs and consoles: {@code file:line: field: message}, leaving out what is unknown. */
public final class ProblemText {

    private ProblemText() {
    }

    public static String of(ConfigProblem p) {
        StringBuilder b = new StringBuilder(p.file());
        if (p.line() > 0) {
            b.append(':').append(p.line());
        }
        if (p.field() != null && !p.field().isEmpty()) {
            b.append(": ").append(p.field());
        }
        return b.append(": ").append(p.message()).toString();
    }
}
