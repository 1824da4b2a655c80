package dev.latchkey.core.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.core.InMemoryStores;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.ErrorCode;
import dev.latchkey.core.common.MutableClock;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.common.SecretBox;
import dev.latchkey.core.identity.User;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Who may list and rotate the signing keys, and what a rotation on request answers. */
class SigningKeyServiceTest {
    static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    static final Principal ADMIN = new Principal("IBMid-ADMIN00001", "a".repeat(32));
    static final Principal MEMBER = new Principal("IBMid-MEMBER0001", "a".repeat(32));
    static final Principal SERVICE_ID = new Principal("iam-ServiceId-00000000-0000-4000-8000-000000000001",
            "a".repeat(32));
    final InMemoryStores stores = new InMemoryStores();
    final MutableClock clock = new MutableClock(T0);
    final SigningKeyRing ring = new SigningKeyRing(stores.signingKeys, stores.tx,
            new SecretBox(new byte[32], new SecureRandom()), clock, SigningKeyRing.ES256);
    final SigningKeyService service = new SigningKeyService(ring, stores.users, stores.tx,
            dev.latchkey.core.audit.Audits.inMemory(stores.tx, stores.audit, clock));

    SigningKeyServiceTest() {
        stores.users.insert(new User(ADMIN.iamId(), "admin@example.com", "A", "Admin", false, true, T0));
        stores.users.insert(new User(MEMBER.iamId(), "member@example.com", "M", "Member", false, T0));
        ring.load();
    }

    @Test
    void onlyAPlatformAdministratorListsOrRotates() {
        for (Principal caller : new Principal[] {MEMBER, SERVICE_ID}) {
            assertThatThrownBy(() -> service.list(caller)).isInstanceOfSatisfying(DomainException.class,
                    e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.FORBIDDEN));
            assertThatThrownBy(() -> service.rotate(caller, false))
                    .hasMessage("Only a platform administrator can rotate the token-signing keys.");
            assertThatThrownBy(() -> service.rotate(caller, true)).isInstanceOf(DomainException.class);
        }
        assertThat(stores.signingKeys.all()).as("nothing made").hasSize(1);
        assertThat(service.list(ADMIN)).singleElement().extracting(SigningKeyStatus::state)
                .isEqualTo(SigningKeyState.ACTIVE);
    }

    @Test
    void aRotationOnRequestIsPublishedAheadAndASecondOneIsRefusedWhileItIsPending() {
        clock.advance(Duration.ofHours(1));
        SigningKeyService.Rotation rotation = service.rotate(ADMIN, false);
        assertThat(rotation.key().state()).isEqualTo(SigningKeyState.PENDING);
        assertThat(rotation.key().activatesAt()).isEqualTo(clock.instant().plus(SigningKeySchedule.PUBLICATION_LEAD));
        assertThat(rotation.keys()).extracting(SigningKeyStatus::state)
                .containsExactly(SigningKeyState.ACTIVE, SigningKeyState.PENDING);
        assertThat(rotation.keys().getFirst().retiresAt())
                .isEqualTo(rotation.key().activatesAt().plus(SigningKeySchedule.RETIREMENT_GRACE));

        assertThatThrownBy(() -> service.rotate(ADMIN, false)).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.errorCode()).isEqualTo(ErrorCode.INVALID_STATE);
            assertThat(e.getMessage()).contains(rotation.key().kid(), rotation.key().activatesAt().toString(),
                    "immediate");
        });
        SigningKeyService.Rotation immediate = service.rotate(ADMIN, true);
        assertThat(immediate.key().state()).isEqualTo(SigningKeyState.ACTIVE);
        assertThat(immediate.keys()).extracting(SigningKeyStatus::state)
                .containsExactly(SigningKeyState.RETIRED, SigningKeyState.RETIRED, SigningKeyState.ACTIVE);
    }
}
