package org.cityedge.console.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.cityedge.console.ManualClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private static final long MINUTE = 60_000;

    private final ManualClock clock = new ManualClock(1_000_000);
    private final LoginThrottle throttle = new LoginThrottle(clock);

    @BeforeEach
    void fiveFailuresInFifteenMinutes() {
        throttle.configure(5, 15 * MINUTE);
    }

    @Test
    void locksTheAddressOutAtTheFifthFailureForTheLockoutTime() {
        for (int left = 4; left >= 1; left--) {
            LoginThrottle.Verdict v = throttle.failure("10.0.0.7");
            assertThat(v.attemptsLeft()).isEqualTo(left);
            assertThat(v.lockedForMs()).isZero();
            assertThat(throttle.lockedForMs("10.0.0.7")).isZero();
        }
        LoginThrottle.Verdict fifth = throttle.failure("10.0.0.7");

        assertThat(fifth.attemptsLeft()).isZero();
        assertThat(fifth.lockedForMs()).isEqualTo(15 * MINUTE);
        clock.advance(14 * MINUTE);
        assertThat(throttle.lockedForMs("10.0.0.7")).isEqualTo(MINUTE);
        assertThat(throttle.lockedForMs("10.0.0.8")).as("other addresses are not affected").isZero();
        clock.advance(MINUTE);
        assertThat(throttle.lockedForMs("10.0.0.7")).isZero();
        assertThat(throttle.failure("10.0.0.7").attemptsLeft()).as("a fresh count after the lockout").isEqualTo(4);
    }

    @Test
    void failuresOlderThanTheWindowAreForgotten() {
        for (int i = 0; i < 4; i++) {
            throttle.failure("10.0.0.7");
            clock.advance(5 * MINUTE);
        }
        // the first failure is now 20 min old, the second 15: both out of the window
        assertThat(throttle.failure("10.0.0.7").attemptsLeft()).isEqualTo(2);
        assertThat(throttle.lockedForMs("10.0.0.7")).isZero();
    }

    @Test
    void aRightPasswordStartsTheCountAfresh() {
        throttle.failure("10.0.0.7");
        throttle.failure("10.0.0.7");
        try (LoginThrottle.Attempt a = throttle.attempt("10.0.0.7")) {
            assertThat(a.admitted()).isTrue();
            assertThat(a.succeeded()).isZero();
        }

        assertThat(throttle.failure("10.0.0.7").attemptsLeft()).isEqualTo(4);
    }

    @Test
    void checksUnderWayCountTowardsTheLimitBeforeTheyFail() {
        throttle.failure("10.0.0.7");
        List<LoginThrottle.Attempt> inFlight = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            LoginThrottle.Attempt a = throttle.attempt("10.0.0.7");
            assertThat(a.admitted()).as("attempt " + i).isTrue();
            inFlight.add(a);
        }

        LoginThrottle.Attempt fifth = throttle.attempt("10.0.0.7");

        assertThat(fifth.admitted()).as("1 failure + 4 under way = maxFailures").isFalse();
        assertThat(fifth.lockedOut()).isFalse();
        assertThat(fifth.waitMs()).isEqualTo(LoginThrottle.BUSY_RETRY_MS);
        assertThat(throttle.attempt("10.0.0.8").admitted()).as("other addresses are not affected").isTrue();
        inFlight.get(0).close(); // a check that threw: withdrawn, not counted
        try (LoginThrottle.Attempt again = throttle.attempt("10.0.0.7")) {
            assertThat(again.admitted()).isTrue();
            inFlight.set(0, again);
            for (LoginThrottle.Attempt a : inFlight) {
                a.failed();
            }
        }
        LoginThrottle.Attempt locked = throttle.attempt("10.0.0.7");
        assertThat(locked.lockedOut()).isTrue();
        assertThat(locked.waitMs()).isEqualTo(15 * MINUTE);
    }

    @Test
    void aLockoutSetWhileARightPasswordWasCheckedWins() {
        LoginThrottle.Attempt right = throttle.attempt("10.0.0.7");
        List<LoginThrottle.Attempt> wrong = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            wrong.add(throttle.attempt("10.0.0.7"));
        }
        wrong.forEach(LoginThrottle.Attempt::failed);
        throttle.failure("10.0.0.7"); // the fifth: locked out

        assertThat(right.succeeded()).as("still locked out").isEqualTo(15 * MINUTE);
        assertThat(throttle.lockedForMs("10.0.0.7")).as("the success erased nothing").isEqualTo(15 * MINUTE);
    }

    @Test
    void theTableIsBoundedAndLetsGoOfForgottenAddressesFirst() {
        for (int i = 0; i < 5; i++) {
            throttle.failure("10.0.0.1"); // locked out
        }
        for (int i = 2; i <= LoginThrottle.MAX_ADDRESSES; i++) {
            throttle.failure("10.0.1." + i);
        }
        assertThat(throttle.size()).isEqualTo(LoginThrottle.MAX_ADDRESSES);

        clock.advance(10 * MINUTE); // lockout still running, single failures still counted
        throttle.failure("192.168.0.1");
        assertThat(throttle.size()).isEqualTo(LoginThrottle.MAX_ADDRESSES);
        assertThat(throttle.lockedForMs("10.0.0.1")).as("a locked-out address is kept").isPositive();
        assertThat(throttle.failure("10.0.1.2").attemptsLeft()).as("the eldest unlocked one went").isEqualTo(4);

        clock.advance(16 * MINUTE); // everything counted so far is out of the window
        throttle.failure("192.168.0.2");
        assertThat(throttle.size()).as("entries with nothing to remember are dropped at once").isLessThanOrEqualTo(2);
    }

    @Test
    void newLimitsForgetWhatWasCounted() {
        throttle.failure("10.0.0.7");
        throttle.configure(3, 15 * MINUTE);

        assertThat(throttle.failure("10.0.0.7").attemptsLeft()).isEqualTo(2);
    }
}
