package dev.latchkey.core.notification;

import static org.assertj.core.api.Assertions.assertThat;

import dev.latchkey.core.common.MutableClock;
import dev.latchkey.core.common.Transactor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class ExpiryNotifierTest {
    static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
    final List<ExpiringKey> keys = new ArrayList<>();
    final Set<String> recorded = new HashSet<>();
    final List<KeyEvent> enqueued = new ArrayList<>();

    final ExpiryNoticeStore store = new ExpiryNoticeStore() {
        @Override
        public List<ExpiringKey> withoutNotice(KeyEvent.Kind kind, Instant from, Instant to, int limit) {
            return keys.stream().filter(k -> k.expiresAt().isAfter(from) && !k.expiresAt().isAfter(to))
                    .filter(k -> !recorded.contains(k.id() + kind + k.expiresAt())).limit(limit).toList();
        }

        @Override
        public boolean record(String keyId, KeyEvent.Kind kind, Instant expiresAt, Instant at) {
            return recorded.add(keyId + kind + expiresAt);
        }
    };
    final Transactor direct = new Transactor() {
        @Override
        public <T> T inTransaction(Supplier<T> work) {
            return work.get();
        }
    };

    ExpiringKey key(String id, Duration fromNow) {
        ExpiringKey key = new ExpiringKey(id, "a".repeat(32), "IBMid-OWNER00001", id, "lk_AbCd", NOW.plus(fromNow));
        keys.add(key);
        return key;
    }

    @Test
    void eachKeyGetsTheWarningOfItsWindowOnceHoweverOftenTheJobRuns() {
        key("in-2-hours", Duration.ofHours(2));
        key("in-3-days", Duration.ofDays(3));
        key("in-30-days", Duration.ofDays(30));
        key("expired", Duration.ofHours(-1));
        MutableClock clock = new MutableClock(NOW);
        ExpiryNotifier notifier = new ExpiryNotifier(direct, store, event -> {
            enqueued.add(event);
            return "e";
        }, clock);
        assertThat(notifier.runOnce()).isEqualTo(2);
        assertThat(notifier.runOnce()).isZero();
        assertThat(enqueued).extracting(e -> e.keyId() + ":" + e.kind()).containsExactly(
                "in-2-hours:EXPIRES_IN_1_DAY", "in-3-days:EXPIRES_IN_7_DAYS");
        clock.advance(Duration.ofDays(2).plusHours(1));
        assertThat(notifier.runOnce()).isEqualTo(1);
        assertThat(enqueued.getLast().kind()).isEqualTo(KeyEvent.Kind.EXPIRES_IN_1_DAY);
        assertThat(enqueued.getLast().keyId()).isEqualTo("in-3-days");
        assertThat(enqueued.getLast().expiresAt()).isEqualTo(NOW.plus(Duration.ofDays(3)));
    }
}
