package dev.latchkey.core.classic;

import dev.latchkey.core.audit.AuditTarget;
import dev.latchkey.core.audit.AuditTrail;
import dev.latchkey.core.common.Transactor;
import java.util.Map;
import dev.latchkey.core.common.ApiKeyHash;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.ErrorCode;
import dev.latchkey.core.common.Ids;
import dev.latchkey.core.common.KeyFormat;
import dev.latchkey.core.common.Keyset;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.common.SealedSecret;
import dev.latchkey.core.common.Secret;
import dev.latchkey.core.common.SecretBox;
import dev.latchkey.core.identity.Membership;
import dev.latchkey.core.identity.User;
import dev.latchkey.core.identity.UserStore;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Classic infrastructure keys, following the seed's table: a user creates their own (one at a time per account);
 * the user and every ancestor in the account's invitation hierarchy may view details and delete it; only the
 * owner sees the value again. No role grants more. Thread-safe.
 */
public final class ClassicKeyService {
    /** Guards the ancestor walk against a cycle in corrupted data. */
    private static final int MAX_DEPTH = 64;
    private final ClassicKeyStore store;
    private final UserStore users;
    private final SecretBox box;
    private final KeyFormat format = new KeyFormat("lkc");
    private final Ids ids;
    private final SecureRandom random;
    private final Clock clock;

    /** A key with its owner; {@code value} only when the caller owns it. */
    public record View(ClassicKey key, User owner, Secret value) {
    }

    private final Transactor tx;
    private final AuditTrail audit;

    public ClassicKeyService(ClassicKeyStore store, UserStore users, SecretBox box, Ids ids, SecureRandom random,
                             Clock clock, Transactor tx, AuditTrail audit) {
        this.tx = tx;
        this.audit = audit;
        this.store = store;
        this.users = users;
        this.box = box;
        this.ids = ids;
        this.random = random;
        this.clock = clock;
    }

    /** Creates the caller's classic key in the caller's account; 409 while one exists. */
    public View create(Principal caller) {
        User owner = users.find(caller.iamId()).filter(u -> !caller.isServiceId())
                .orElseThrow(() -> DomainException.forbidden("Only users have classic infrastructure keys."));
        Secret value = new Secret(format.generate(random));
        String id = "ClassicKey-" + ids.uuid();
        ClassicKey key = new ClassicKey(id, caller.accountId(), owner.iamId(), ApiKeyHash.of(value),
                box.seal(value.reveal().getBytes(StandardCharsets.UTF_8), SealedSecret.CLASSIC_KEY_VALUE.context(id)),
                format.displayPrefix(value.reveal()), caller.iamId(), clock.instant().truncatedTo(ChronoUnit.MILLIS));
        tx.inTransaction(() -> {
            switch (store.insertIfNone(key)) {
                case INSERTED -> { }
                case ALREADY_HAS_ONE -> throw new DomainException(ErrorCode.INVALID_STATE, "You already have a "
                        + "classic infrastructure key in account " + caller.accountId() + "; a user has one at a time. "
                        + "Delete it before creating another.");
                case NOT_A_MEMBER -> throw DomainException.forbidden("You are no longer a member of account "
                        + caller.accountId() + ".");
            }
            audited(caller, key, "create");
            return null;
        });
        return new View(key, owner, value);
    }

    public View get(Principal caller, String id) {
        ClassicKey key = store.find(id).orElseThrow(() -> DomainException.notFound("ClassicKey", id));
        requireOwnerOrAncestor(caller, key);
        User owner = users.find(key.iamId()).orElseThrow(() -> DomainException.notFound("ClassicKey", id));
        return new View(key, owner, key.iamId().equals(caller.iamId()) ? open(key) : null);
    }

    public void delete(Principal caller, String id) {
        ClassicKey key = store.find(id).orElseThrow(() -> DomainException.notFound("ClassicKey", id));
        requireOwnerOrAncestor(caller, key);
        tx.inTransaction(() -> {
            if (!store.delete(id)) {
                throw DomainException.notFound("ClassicKey", id);
            }
            audited(caller, key, "delete");
            return null;
        });
    }

    private void audited(Principal caller, ClassicKey key, String verb) {
        audit.record(caller, key.accountId(), "iam-identity.classickey." + verb,
                AuditTarget.of("classickey", key.id(), key.displayPrefix() + "…"), Map.of("iam_id", key.iamId()));
    }

    /** The classic-infrastructure view: the caller's key and those of every user the caller is an ancestor of. */
    public List<View> list(Principal caller) {
        Set<String> visible = new LinkedHashSet<>();
        visible.add(caller.iamId());
        for (Membership member : allMembers(caller.accountId())) {
            if (ancestors(caller.accountId(), member.iamId()).contains(caller.iamId())) {
                visible.add(member.iamId());
            }
        }
        List<View> views = new ArrayList<>();
        for (ClassicKey key : store.forIdentities(caller.accountId(), List.copyOf(visible))) {
            users.find(key.iamId()).ifPresent(owner -> views.add(new View(key, owner, null)));
        }
        return views;
    }

    /**
     * Classic-style authentication: the user name (e-mail) and classic key of that user. Returns the owner, or
     * empty for any mismatch; the caller answers 401 without saying which part was wrong.
     */
    public Optional<View> authenticate(String username, Secret value) {
        if (!format.isWellFormed(value.reveal())) {
            return Optional.empty();
        }
        return store.findByHash(ApiKeyHash.of(value)).flatMap(key -> users.find(key.iamId())
                .filter(owner -> owner.email().equalsIgnoreCase(username.strip()))
                .filter(owner -> users.membership(key.accountId(), owner.iamId()).filter(Membership::isActive).isPresent())
                .map(owner -> new View(key, owner, null)));
    }

    /** The inviter, the inviter's inviter, and so on, of {@code iamId} in one account. */
    public Set<String> ancestors(String accountId, String iamId) {
        Set<String> ancestors = new HashSet<>();
        String current = iamId;
        for (int depth = 0; depth < MAX_DEPTH; depth++) {
            String inviter = users.membership(accountId, current).map(Membership::invitedBy).orElse(null);
            if (inviter == null || !ancestors.add(inviter)) {
                break;
            }
            current = inviter;
        }
        return ancestors;
    }

    private void requireOwnerOrAncestor(Principal caller, ClassicKey key) {
        if (!key.accountId().equals(caller.accountId())
                || !(key.iamId().equals(caller.iamId()) || ancestors(key.accountId(), key.iamId()).contains(caller.iamId()))) {
            throw DomainException.forbidden("Only the key's user and the users above them in the account's invitation "
                    + "hierarchy may manage a classic infrastructure key; no role grants it.");
        }
    }

    private List<Membership> allMembers(String accountId) {
        return Keyset.walk((Membership previous) -> users.members(accountId,
                previous == null ? null : previous.position(), 0, 100));
    }

    private Secret open(ClassicKey key) {
        return new Secret(new String(box.open(key.sealedValue(), SealedSecret.CLASSIC_KEY_VALUE.context(key.id())), StandardCharsets.UTF_8));
    }
}
