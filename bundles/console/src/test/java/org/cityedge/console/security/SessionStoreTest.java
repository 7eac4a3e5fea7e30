package org.cityedge.console.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.cityedge.console.ManualClock;
import org.cityedge.console.security.SessionStore.Session;
import org.junit.jupiter.api.Test;

class SessionStoreTest {

    private static final long MINUTE = 60_000;

    private final ManualClock clock = new ManualClock(5_000_000);
    private final SessionStore store = new SessionStore(clock, new SecureRandom());

    @Test
    void sessionsHaveRandom32ByteIdsAndTheirOwnCsrfToken() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            Session s = store.create();
            assertThat(s.id()).hasSize(43).matches("[A-Za-z0-9_-]+"); // 32 bytes, base64url
            assertThat(s.csrfToken()).hasSize(43).isNotEqualTo(s.id());
            assertThat(seen.add(s.id())).isTrue();
        }
        assertThat(store.create().toString()).doesNotContain(store.create().id());
    }

    @Test
    void aSessionExpiresAfterTheIdleTimeAndEachRequestRestartsIt() {
        store.idleTimeout(30 * MINUTE);
        Session s = store.create();

        clock.advance(29 * MINUTE);
        assertThat(store.touch(s.id())).contains(s);
        clock.advance(29 * MINUTE);
        assertThat(store.touch(s.id())).as("touched 29 min ago").contains(s);
        clock.advance(30 * MINUTE);
        assertThat(store.touch(s.id())).isEmpty();
        assertThat(store.touch(s.id())).isEmpty();
        assertThat(store.size()).isZero();
    }

    @Test
    void atMostSixteenLiveSessionsTheLeastRecentlyUsedGoesFirst() {
        List<Session> sessions = new ArrayList<>();
        for (int i = 0; i < SessionStore.MAX_SESSIONS; i++) {
            sessions.add(store.create());
            clock.advance(1000);
        }
        store.touch(sessions.get(0).id()); // the oldest is in use: the second oldest is now least recently used

        Session newest = store.create();

        assertThat(store.size()).isEqualTo(SessionStore.MAX_SESSIONS);
        assertThat(store.touch(sessions.get(0).id())).isPresent();
        assertThat(store.touch(sessions.get(1).id())).isEmpty();
        assertThat(store.touch(newest.id())).isPresent();
    }

    @Test
    void unknownIdsAndLogoutsFindNothing() {
        Session s = store.create();
        Session other = store.create();

        assertThat(store.touch("nope")).isEmpty();
        assertThat(store.touch(null)).isEmpty();
        store.remove(s.id());
        assertThat(store.touch(s.id())).isEmpty();
        store.removeAllExcept(null);
        assertThat(store.touch(other.id())).isEmpty();
    }

    @Test
    void aPasswordChangeKeepsOnlyTheSessionThatMadeIt() {
        Session mine = store.create();
        Session theirs = store.create();

        store.removeAllExcept(mine.id());

        assertThat(store.touch(mine.id())).isPresent();
        assertThat(store.touch(theirs.id())).isEmpty();
    }
}
