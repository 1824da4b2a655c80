package dev.latchkey.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.common.ApiKeyHash;
import dev.latchkey.core.common.MutableClock;
import dev.latchkey.core.token.TokenOutcome;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionServiceTest {
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final String ACCOUNT = "a".repeat(32);
    final MutableClock clock = new MutableClock(T0);
    final InMemorySessionStore store = new InMemorySessionStore();
    final Set<String> removed = new HashSet<>();
    final SessionService sessions = new SessionService(store, (iamId, account) -> !removed.contains(iamId),
            new SecureRandom(), clock);

    static TokenOutcome.Issued token(String iamId, long expiresInSeconds) {
        return new TokenOutcome.Issued("t", expiresInSeconds, T0.getEpochSecond() + expiresInSeconds, iamId, ACCOUNT);
    }

    @Test
    void aSessionIsTheTokensIdentityAndAccountUntilTheTokenExpires() {
        SessionService.Opened opened = sessions.open(token("IBMid-ALICE00001", 3600));
        ConsoleSession found = sessions.find(opened.cookie().reveal()).orElseThrow();
        assertThat(found.principal().iamId()).isEqualTo("IBMid-ALICE00001");
        assertThat(found.principal().accountId()).isEqualTo(ACCOUNT);
        assertThat(found.expiresAt()).isEqualTo(T0.plusSeconds(3600));
        clock.advance(Duration.ofSeconds(3599));
        assertThat(sessions.find(opened.cookie().reveal())).isPresent();
        clock.advance(Duration.ofSeconds(1));
        assertThat(sessions.find(opened.cookie().reveal())).as("ended with its token").isEmpty();
        assertThat(sessions.pruneExpired()).isEqualTo(0);
        clock.advance(Duration.ofMillis(1));
        assertThat(sessions.pruneExpired()).isEqualTo(1);
    }

    @Test
    void onlyTheHashOfTheCookieIsStoredAndNothingElseFindsTheSession() {
        SessionService.Opened opened = sessions.open(token("IBMid-ALICE00001", 3600));
        String cookie = opened.cookie().reveal();
        assertThat(cookie).hasSize(43);
        assertThat(opened.session().idHash()).isEqualTo(ApiKeyHash.of(cookie)).isNotEqualTo(cookie);
        assertThat(store.find(ApiKeyHash.of(cookie))).isPresent();
        assertThat(sessions.find(opened.session().idHash())).as("the stored hash is no cookie").isEmpty();
        assertThat(sessions.find(cookie.substring(1))).isEmpty();
        assertThat(sessions.find(null)).isEmpty();
        assertThat(sessions.find("x".repeat(101))).isEmpty();
        assertThat(sessions.open(token("IBMid-ALICE00001", 3600)).cookie()).isNotEqualTo(opened.cookie());
    }

    @Test
    void signingOutEndsTheSessionAndAMemberWhoLeftHasNoSession() {
        SessionService.Opened alice = sessions.open(token("IBMid-ALICE00001", 3600));
        SessionService.Opened bob = sessions.open(token("IBMid-BOB0000001", 3600));
        sessions.close(alice.cookie().reveal());
        assertThat(sessions.find(alice.cookie().reveal())).isEmpty();
        assertThat(sessions.find(bob.cookie().reveal())).isPresent();
        removed.add("IBMid-BOB0000001");
        assertThat(sessions.find(bob.cookie().reveal())).as("removed from the account").isEmpty();
        assertThat(sessions.closeAllOf("IBMid-BOB0000001")).isEqualTo(1);
    }

    @Test
    void theCsrfTokenIsTheSessionsOwnAndNothingElseMatches() {
        ConsoleSession session = sessions.open(token("IBMid-ALICE00001", 3600)).session();
        ConsoleSession other = sessions.open(token("IBMid-ALICE00001", 3600)).session();
        assertThat(session.csrfToken()).hasSize(43).isNotEqualTo(other.csrfToken());
        assertThat(SessionService.csrfMatches(session, session.csrfToken())).isTrue();
        assertThat(SessionService.csrfMatches(session, other.csrfToken())).isFalse();
        assertThat(SessionService.csrfMatches(session, null)).isFalse();
        assertThat(SessionService.csrfMatches(session, "")).isFalse();
    }
}
