package org.cityedge.e2e;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Bounded waits for a condition. The bound only keeps a broken run from hanging: it is generous, and reaching it
 * fails with what was being waited for and the evidence, never with a timing claim.
 */
final class Bounded {

    private Bounded() {
    }

    /** Polls until the condition holds; fails after {@code limit} with the description and the diagnostics. */
    static void await(String what, Duration limit, BooleanSupplier condition, Supplier<String> diagnostics) {
        if (!poll(limit, condition)) {
            throw new AssertionError("waited " + limit.toSeconds() + " s for " + what + ", in vain\n"
                    + diagnostics.get());
        }
    }

    /** Polls until the condition holds or the limit passes; true when it held. */
    static boolean poll(Duration limit, BooleanSupplier condition) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                return false;
            }
            sleep(Duration.ofMillis(100));
        }
    }

    static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
