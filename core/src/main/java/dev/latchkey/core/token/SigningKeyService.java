package dev.latchkey.core.token;

import dev.latchkey.core.audit.AuditTarget;
import dev.latchkey.core.audit.AuditTrail;
import dev.latchkey.core.common.Transactor;
import java.util.Map;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.ErrorCode;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.identity.User;
import dev.latchkey.core.identity.UserStore;
import java.util.List;

/**
 * The token-signing keys as platform administrators manage them: every key's state, and a rotation on request,
 * published ahead of signing or, for a key that may have leaked, immediate. Nobody else may do either; a service
 * ID is never a platform administrator. Thread-safe.
 */
public final class SigningKeyService {
    private final SigningKeyRing ring;
    private final UserStore users;

    /** A rotation's outcome: the new key, and every key's state after it. */
    public record Rotation(SigningKeyStatus key, List<SigningKeyStatus> keys) {
    }

    private final Transactor tx;
    private final AuditTrail audit;

    public SigningKeyService(SigningKeyRing ring, UserStore users, Transactor tx, AuditTrail audit) {
        this.ring = ring;
        this.users = users;
        this.tx = tx;
        this.audit = audit;
    }

    /** Every key, retired ones included, oldest first. */
    public List<SigningKeyStatus> list(Principal caller) {
        requirePlatformAdmin(caller, "list");
        return ring.schedule().statuses();
    }

    /**
     * A new key. Unless {@code immediate} it is published now and signs after the publication lead, and is refused
     * while another key is pending; {@code immediate}, it signs now and every other key is retired at once.
     */
    public Rotation rotate(Principal caller, boolean immediate) {
        requirePlatformAdmin(caller, "rotate");
        // the administrator's account records it: signing keys belong to the platform, not to one account
        SigningKeyStatus made = tx.inTransaction(() -> {
            SigningKeyStatus key = immediate ? ring.replaceNow() : ring.publishNext().orElseThrow(this::pendingAlready);
            audit.record(caller, caller.accountId(), "iam-identity.signing_key.rotate",
                    AuditTarget.of("signing_key", key.kid(), null), Map.of("immediate", Boolean.toString(immediate),
                            "activates_at", key.activatesAt().toString()));
            return key;
        });
        return new Rotation(made, ring.schedule().statuses());
    }

    private DomainException pendingAlready() {
        return ring.schedule().pending().map(p -> new DomainException(ErrorCode.INVALID_STATE, "Signing key "
                        + p.kid() + " is published already and starts signing at " + p.activatesAt() + "; rotate "
                        + "again once it signs, or rotate immediately (\"immediate\": true in the API, --immediate on "
                        + "the command line) to replace every key now."))
                .orElseGet(() -> new DomainException(ErrorCode.INVALID_STATE,
                        "Other nodes are making signing keys at this moment; try again."));
    }

    private void requirePlatformAdmin(Principal caller, String what) {
        if (users.find(caller.iamId()).filter(User::platformAdmin).isEmpty()) {
            throw DomainException.forbidden("Only a platform administrator can " + what + " the token-signing keys.");
        }
    }
}
