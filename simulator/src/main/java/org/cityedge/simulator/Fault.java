package org.cityedge.simulator;

import java.util.Locale;

/**
 * What a device does wrong, switchable while the simulator runs. The text form ({@link #toString()}) is the one the
 * control socket takes: {@code none}, {@code no-answer}, {@code slow 200}, {@code exception 4}, {@code corrupt-crc},
 * {@code truncated}, {@code intermittent 0.5}.
 */
public sealed interface Fault {

    /** Answers normally. */
    record None() implements Fault {
        @Override
        public String toString() {
            return "none";
        }
    }

    /** Never answers (the master times out). */
    record NoAnswer() implements Fault {
        @Override
        public String toString() {
            return "no-answer";
        }
    }

    /** Answers after {@code delayMs} more than usual. */
    record Slow(int delayMs) implements Fault {
        public Slow {
            if (delayMs < 0) {
                throw new IllegalArgumentException("delay must not be negative");
            }
        }

        @Override
        public String toString() {
            return "slow " + delayMs;
        }
    }

    /** Answers every request with this Modbus exception code. */
    record ExceptionReply(int code) implements Fault {
        public ExceptionReply {
            if (code < 1 || code > 255) {
                throw new IllegalArgumentException("exception code must be 1-255");
            }
        }

        @Override
        public String toString() {
            return "exception " + code;
        }
    }

    /**
     * RTU: the reply's CRC is wrong. Modbus TCP has no CRC: the reply carries a protocol identifier other than 0,
     * which a client must reject the same way.
     */
    record CorruptCrc() implements Fault {
        @Override
        public String toString() {
            return "corrupt-crc";
        }
    }

    /** The reply is cut short (RTU: half the frame; TCP: the header announces more than follows). */
    record Truncated() implements Fault {
        @Override
        public String toString() {
            return "truncated";
        }
    }

    /** Answers with probability {@code probability} (seeded), otherwise not at all. */
    record Intermittent(double probability) implements Fault {
        public Intermittent {
            if (!(probability >= 0 && probability <= 1)) {
                throw new IllegalArgumentException("probability must be within 0..1");
            }
        }

        @Override
        public String toString() {
            return "intermittent " + probability;
        }
    }

    static Fault none() {
        return new None();
    }

    static Fault noAnswer() {
        return new NoAnswer();
    }

    static Fault slow(int delayMs) {
        return new Slow(delayMs);
    }

    static Fault exception(int code) {
        return new ExceptionReply(code);
    }

    static Fault corruptCrc() {
        return new CorruptCrc();
    }

    static Fault truncated() {
        return new Truncated();
    }

    static Fault intermittent(double probability) {
        return new Intermittent(probability);
    }

    /**
     * Parses the text form.
     *
     * @throws IllegalArgumentException with a reason a person can act on
     */
    static Fault parse(String text) {
        String[] words = text.trim().toLowerCase(Locale.ROOT).split("\\s+");
        String kind = words[0];
        int args = words.length - 1;
        try {
            switch (kind) {
                case "none":
                    return expect(args, 0, kind, none());
                case "no-answer":
                    return expect(args, 0, kind, noAnswer());
                case "corrupt-crc":
                    return expect(args, 0, kind, corruptCrc());
                case "truncated":
                    return expect(args, 0, kind, truncated());
                case "slow":
                    return expect(args, 1, kind, args == 1 ? slow(Integer.parseInt(words[1])) : null);
                case "exception":
                    return expect(args, 1, kind, args == 1 ? exception(Integer.decode(words[1])) : null);
                case "intermittent":
                    return expect(args, 1, kind, args == 1 ? intermittent(Double.parseDouble(words[1])) : null);
                default:
                    throw new IllegalArgumentException("unknown fault '" + kind
                            + "' (none, no-answer, slow MS, exception CODE, corrupt-crc, truncated, intermittent P)");
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad number in '" + text.trim() + "'");
        }
    }

    private static Fault expect(int args, int wanted, String kind, Fault fault) {
        if (args != wanted) {
            throw new IllegalArgumentException(kind + (wanted == 0 ? " takes no argument" : " takes one argument"));
        }
        return fault;
    }
}
