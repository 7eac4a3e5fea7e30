package org.cityedge.provisioning.internal.site;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.cityedge.api.provision.FieldProblem;
import org.cityedge.api.provision.Identity;

/** What a gateway identity must be: ids safe as MQTT topic levels, a real time zone, a position. */
public final class IdentityRules {

    /** Lower-case letters, digits and dashes, starting with a letter or digit, at most 63 characters. */
    public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private IdentityRules() {
    }

    public static List<FieldProblem> check(Identity identity) {
        List<FieldProblem> problems = new ArrayList<>();
        if (identity == null) {
            problems.add(new FieldProblem("identity", "no identity given"));
            return problems;
        }
        checkId(problems, "site", identity.site());
        checkId(problems, "gatewayId", identity.gatewayId());
        if (identity.timezone() == null || identity.timezone().isBlank()) {
            problems.add(new FieldProblem("timezone", "missing (an IANA zone, e.g. Asia/Ho_Chi_Minh)"));
        } else {
            try {
                ZoneId.of(identity.timezone());
            } catch (DateTimeException e) {
                problems.add(new FieldProblem("timezone", "'" + identity.timezone()
                        + "' is not a time zone (an IANA zone, e.g. Asia/Ho_Chi_Minh)"));
            }
        }
        if (identity.location() == null) {
            problems.add(new FieldProblem("location", "missing: the astronomical clock needs the cabinet's position"));
        }
        return problems;
    }

    private static void checkId(List<FieldProblem> problems, String field, String value) {
        if (value == null || !ID.matcher(value).matches()) {
            problems.add(new FieldProblem(field, (value == null ? "missing" : "'" + value + "'")
                    + ": use 1 to 63 lower-case letters, digits and dashes, starting with a letter or digit"
                    + " (it is an MQTT topic level)"));
        }
    }
}
