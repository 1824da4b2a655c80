package dev.latchkey.core.apikey;

import dev.latchkey.core.access.AccessDecider;
import dev.latchkey.core.access.IamIdentityActions;
import dev.latchkey.core.access.Resource;
import dev.latchkey.core.access.Role;
import dev.latchkey.core.audit.AuditTarget;
import dev.latchkey.core.audit.AuditTrail;
import dev.latchkey.core.common.ApiKeyHash;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.EntityTag;
import dev.latchkey.core.common.ErrorCode;
import dev.latchkey.core.common.Fields;
import dev.latchkey.core.common.HistoryEntry;
import dev.latchkey.core.common.IamIds;
import dev.latchkey.core.common.Ids;
import dev.latchkey.core.common.KeyFormat;
import dev.latchkey.core.common.Page;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.common.SealedSecret;
import dev.latchkey.core.common.Secret;
import dev.latchkey.core.common.SecretBox;
import dev.latchkey.core.common.Transactor;
import dev.latchkey.core.identity.User;
import dev.latchkey.core.identity.UserStore;
import dev.latchkey.core.notification.KeyEvent;
import dev.latchkey.core.notification.Notifier;
import dev.latchkey.core.settings.AccountSettingsService;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Creates, reads, changes and deletes API keys on behalf of an authenticated principal. Every operation asks
 * {@link AccessDecider} before it acts; a refused or invalid request changes nothing. A key belongs to a user
 * ({@code IBMid-…}) or to a service ID ({@code iam-ServiceId-…}); only service ID keys may keep their value
 * retrievable ({@code store_value}), sealed under the master key. Thread-safe.
 */
public final class ApiKeyService {
    public static final int MAX_USER_KEYS_PER_ACCOUNT = 20;
    /** Viewing and changing keys that are not one's own: IBM's action for the Administrator role. */
    public static final String MANAGE_OTHERS = "iam-identity.apikey.manage";
    /** The lengths a client-supplied key value ({@code apikey} on create) may have, as IBM allows. */
    public static final int MIN_SUPPLIED_VALUE = 32;
    public static final int MAX_SUPPLIED_VALUE = 256;
    /** The longest a rotated key's previous value may keep working ({@code grace_seconds}): 7 days. */
    public static final long MAX_GRACE_SECONDS = 7 * 24 * 3600;

    private final ApiKeyStore store;
    private final UserStore users;
    private final ServiceIdAccounts serviceIds;
    private final AccessDecider access;
    private final AccountSettingsService settings;
    private final ActivityRecorder activity;
    private final KeyFormat format;
    private final Ids ids;
    private final SecureRandom random;
    private final SecretBox box;
    private final Clock clock;
    private final Transactor tx;
    private final Notifier notifier;
    private final AuditTrail audit;

    public ApiKeyService(ApiKeyStore store, UserStore users, ServiceIdAccounts serviceIds, AccessDecider access,
                         AccountSettingsService settings, ActivityRecorder activity, KeyFormat format, Ids ids,
                         SecureRandom random, SecretBox box, Clock clock, Transactor tx, Notifier notifier,
                         AuditTrail audit) {
        this.store = store;
        this.users = users;
        this.serviceIds = serviceIds;
        this.access = access;
        this.settings = settings;
        this.activity = activity;
        this.format = format;
        this.ids = ids;
        this.random = random;
        this.box = box;
        this.clock = clock;
        this.tx = tx;
        this.notifier = notifier;
        this.audit = audit;
    }

    public CreatedApiKey create(Principal caller, CreateApiKey request) {
        String name = Fields.name(request.name(), "name");
        String description = Fields.description(request.description());
        if (request.iamId() == null || request.iamId().isBlank()) {
            throw DomainException.invalid("Field 'iam_id' is required: the IAM ID the key authenticates as.");
        }
        String accountId = request.accountId() == null ? caller.accountId() : request.accountId();
        if (!accountId.equals(caller.accountId())) {
            throw DomainException.invalid("Field 'account_id' must be the account of your access token ("
                    + caller.accountId() + ").");
        }
        String iamId = request.iamId();
        boolean serviceIdKey = IamIds.isServiceId(iamId);
        if (serviceIdKey) {
            String serviceId = IamIds.serviceIdOf(iamId);
            serviceIds.accountOf(iamId).filter(accountId::equals).orElseThrow(() -> DomainException.invalid(
                    "Field 'iam_id' does not name a service ID of account " + accountId + "."));
            access.require(caller, IamIdentityActions.SERVICE_ID_UPDATE, Resource.serviceId(accountId, serviceId),
                    "create API keys for service ID " + serviceId);
            if (Boolean.TRUE.equals(request.supportSessions())) {
                throw DomainException.invalid("Field 'support_sessions' can be true only for user API keys.");
            }
        } else {
            Optional<User> owner = users.find(iamId);
            if (owner.isEmpty() || users.membership(accountId, iamId).isEmpty()) {
                throw DomainException.invalid("Field 'iam_id' does not name a user or service ID of account "
                        + accountId + ".");
            }
            if (!iamId.equals(caller.iamId())) {
                // A functional ID has no password to log in with: its keys are made by an administrator.
                if (!owner.get().functional()) {
                    throw DomainException.forbidden("You can create user API keys only for yourself.");
                }
                access.require(caller, MANAGE_OTHERS, identityService(accountId),
                        "create API keys for functional ID " + iamId);
            }
            requireUserApiKeyCreationAllowed(caller, accountId);
            if (Boolean.TRUE.equals(request.storeValue())) {
                throw DomainException.invalid("Field 'store_value' can be true only for service ID API keys.");
            }
        }
        LeakAction leakAction = request.actionWhenLeaked() == null ? LeakAction.NONE
                : LeakAction.fromWire(request.actionWhenLeaked());
        Instant now = now();
        Instant expiresAt = futureExpiry(request.expiresAt(), now);
        KeyLifetime.requireOnCreate(settings.apikeyMaxLifetimeDays(accountId), now, expiresAt);
        Secret value = new Secret(request.apikey() == null ? format.generate(random) : checkSupplied(request.apikey()));
        String hash = ApiKeyHash.of(value);
        if (store.findByHash(hash).isPresent()) {
            throw new DomainException(ErrorCode.DUPLICATE_VALUE, "Field 'apikey' must be unique; choose another value.");
        }
        ApiKey key = new ApiKey(ids.apiKeyId(), accountId, iamId, name, description, caller.iamId(), now, now,
                expiresAt, request.locked(), request.disabled(), Boolean.TRUE.equals(request.supportSessions()),
                leakAction, hash, format.displayPrefix(value.reveal()), 1);
        byte[] sealed = serviceIdKey && Boolean.TRUE.equals(request.storeValue())
                ? box.seal(value.reveal().getBytes(StandardCharsets.UTF_8), sealingContext(key.id())) : null;
        tx.inTransaction(() -> {
            if (!serviceIdKey && store.lockAndCountForIdentity(accountId, iamId) >= MAX_USER_KEYS_PER_ACCOUNT) {
                throw new DomainException(ErrorCode.LIMIT_REACHED, "The limit of supported API keys is reached: a user "
                        + "may have " + MAX_USER_KEYS_PER_ACCOUNT + " API keys in an account. Delete one before "
                        + "creating another.");
            }
            store.insert(key, sealed, history(caller, "create", List.of(), "API key created"));
            audited(caller, key, "create", created(key, sealed != null));
            return null;
        });
        return new CreatedApiKey(key, value);
    }

    /**
     * Creates the API key of a service credential (a resource key, {@code core.resource}) for {@code owner}, stored
     * retrievable ({@code store_value}) as IBM's credentials are, and locked: deleting the credential deletes it.
     * Like IBM's, it never expires: the account's {@code apikey_max_lifetime_days} does not apply to it (its life is
     * the credential's, decision 0033). Nothing is checked here: whether the caller may create the credential was
     * decided by the resource service, which calls this inside its transaction.
     */
    public CreatedApiKey createForServiceCredential(Principal caller, String accountId, String serviceIdIamId,
                                                    String name, String description) {
        Instant now = now();
        Secret value = new Secret(format.generate(random));
        ApiKey key = new ApiKey(ids.apiKeyId(), accountId, serviceIdIamId, Fields.name(name, "name"),
                Fields.description(description), caller.iamId(), now, now, null, true, false, false, LeakAction.NONE,
                ApiKeyHash.of(value), format.displayPrefix(value.reveal()), 1);
        byte[] sealed = box.seal(value.reveal().getBytes(StandardCharsets.UTF_8), sealingContext(key.id()));
        store.insert(key, sealed, history(caller, "create", List.of(), "API key created for a service credential"));
        audited(caller, key, "create", created(key, true));
        return new CreatedApiKey(key, value);
    }

    /**
     * Whether the caller may list, view and change every API key of the account (Administrator on the IAM Identity
     * service, which the account owner is): the console offers its "All …" views to exactly these callers.
     */
    public boolean mayManageOthers(Principal caller, String accountId) {
        return access.permits(caller, MANAGE_OTHERS, identityService(accountId));
    }

    /**
     * Whether the caller may list the account's service ID keys: an Administrator of the IAM Identity service all of
     * them, whoever may update some service ID the keys of those service IDs.
     */
    public boolean mayListServiceIdKeys(Principal caller, String accountId) {
        return caller.accountId().equals(accountId) && (mayManageOthers(caller, accountId)
                || access.holdsAnywhere(caller, IamIdentityActions.SERVICE_ID_UPDATE, "iam-identity"));
    }

    /**
     * Whether the caller may list, view and change the API keys of the identity {@code iamId} in the account: their
     * own, every key for an Administrator of the IAM Identity service, a service ID's for whoever may update that
     * service ID. The console offers a service ID's "API keys" to exactly these callers.
     */
    public boolean mayManageKeysOf(Principal caller, String accountId, String iamId) {
        return iamId.equals(caller.iamId()) && accountId.equals(caller.accountId())
                || access.permits(caller, MANAGE_OTHERS, identityService(accountId))
                || mayUpdateServiceId(caller, accountId, iamId);
    }

    /**
     * Whether a sealed copy of the key's value is stored ({@code store_value=true} on a service ID key), without
     * opening it. Call only after the caller was allowed to see the key.
     */
    public boolean hasStoredValue(ApiKey key) {
        return key.isServiceIdKey() && store.sealedValue(key.id()).isPresent();
    }

    /** Why the caller may not create a user API key for themself in the account (the setting), or empty. */
    public Optional<String> whyNoOwnKey(Principal caller, String accountId) {
        try {
            requireUserApiKeyCreationAllowed(caller, accountId);
            return Optional.empty();
        } catch (DomainException refused) {
            return Optional.of(refused.getMessage());
        }
    }

    /**
     * The account setting {@code restrict_create_platform_apikey=RESTRICTED} blocks creating user API keys for
     * everyone, the account owner included, unless a policy grants them the User API key creator role itself.
     * Service ID keys are not affected (reference §4).
     */
    private void requireUserApiKeyCreationAllowed(Principal caller, String accountId) {
        if (settings.restrictsUserApiKeyCreation(accountId)
                && !access.holdsExplicitly(caller, Role.USER_API_KEY_CREATOR, identityService(accountId))) {
            throw DomainException.forbidden("Creating user API keys is restricted in account " + accountId
                    + " (account setting restrict_create_platform_apikey is RESTRICTED): it needs the "
                    + Role.USER_API_KEY_CREATOR.displayName() + " role on the IAM Identity service, granted "
                    + "explicitly by a policy; the account owner is no exception.");
        }
    }

    /**
     * The value of a service ID key created with {@code store_value=true}, opened from its sealed copy; empty for
     * every other key. Call only after the caller was allowed to see the key.
     */
    public Optional<Secret> storedValue(ApiKey key) {
        if (!key.isServiceIdKey()) {
            return Optional.empty();
        }
        return store.sealedValue(key.id())
                .map(sealed -> new Secret(new String(box.open(sealed, sealingContext(key.id())), StandardCharsets.UTF_8)));
    }

    /** Binds a sealed value to its key, so it cannot be moved to another row. */
    private static String sealingContext(String keyId) {
        return SealedSecret.API_KEY_VALUE.context(keyId);
    }

    public ApiKey get(Principal caller, String id) {
        ApiKey key = find(id);
        requireOwnerOr(caller, key, "view");
        return key;
    }

    /**
     * The key whose value the caller presents, with whether its value is stored and the credential it backs, read
     * with it (decision 0039); holding the value is the permission. A value a rotation replaced counts until its grace
     * ends (decision 0032). A stored value is not opened here: {@link #storedValue} does that, for the keys that have
     * one.
     */
    public FoundKey details(Secret value) {
        if (format.claimsFormat(value.reveal()) && !format.isWellFormed(value.reveal())) {
            throw DomainException.notFound("ApiKey", format.displayPrefix(value.reveal()) + "…");
        }
        String hash = ApiKeyHash.of(value);
        return store.findByHashWithLinks(hash).filter(found -> found.key().acceptsHash(hash, clock.instant()))
                .orElseThrow(() -> DomainException.notFound("ApiKey", format.displayPrefix(value.reveal()) + "…"));
    }

    public List<HistoryEntry> history(String id) {
        return store.history(id);
    }

    public Activity activity(String id) {
        return activity.activity(id);
    }

    /** The latest authentication and the total count over every key of one identity in an account. */
    public Activity identityActivity(String accountId, String iamId) {
        Activity total = Activity.NONE;
        int offset = 0;
        Page<ApiKey> page;
        do {
            page = store.list(new ApiKeyQuery(accountId, iamId, null, null, ApiKeyQuery.SortField.CREATED_AT, false,
                    offset, 100));
            for (ApiKey key : page.items()) {
                total = total.plus(activity.activity(key.id()));
            }
            offset += page.items().size();
        } while (page.hasMore());
        return total;
    }

    /**
     * A key's token exchanges per UTC day over the last {@code days} days up to today (null: the
     * {@value KeyUsage#RETENTION_DAYS} days kept), every day listed. Whoever may view the key ({@link #get}) may read it.
     */
    public KeyUsage usage(Principal caller, String id, Integer days) {
        int span = KeyUsage.span(days);
        ApiKey key = get(caller, id);
        LocalDate today = KeyUsage.dayOf(now());
        LocalDate from = today.minusDays(span - 1L);
        return KeyUsage.dense(key.id(), from, today, activity.usage(key.id(), from, today));
    }

    public ApiKey update(Principal caller, String id, String ifMatch, UpdateApiKey request) {
        ApiKey key = find(id);
        requireOwnerOr(caller, key, "change");
        EntityTag.requireMatch(ifMatch, key.id(), key.version());
        requireUnlocked(key, "updated");
        List<String> changed = new ArrayList<>();
        String name = key.name();
        if (request.name() != null) {
            name = Fields.name(request.name(), "name");
            changed.add("name");
        }
        String description = key.description();
        if (request.description() != null) {
            description = request.description().isEmpty() ? null : Fields.description(request.description());
            changed.add("description");
        }
        boolean supportSessions = key.supportSessions();
        if (Boolean.TRUE.equals(request.supportSessions()) && key.isServiceIdKey()) {
            throw DomainException.invalid("Field 'support_sessions' can be true only for user API keys.");
        }
        if (request.supportSessions() != null) {
            supportSessions = request.supportSessions();
            changed.add("support_sessions");
        }
        LeakAction leakAction = key.actionWhenLeaked();
        if (request.actionWhenLeaked() != null) {
            leakAction = LeakAction.fromWire(request.actionWhenLeaked());
            changed.add("action_when_leaked");
        }
        Instant now = now();
        Instant expiresAt = key.expiresAt();
        if (request.expiresAt() != null) {
            expiresAt = futureExpiry(request.expiresAt(), now);
            KeyLifetime.requireOnUpdate(settings.apikeyMaxLifetimeDays(key.accountId()), key, expiresAt, false);
            changed.add("expires_at");
        } else if (request.removeExpiry()) {
            KeyLifetime.requireOnUpdate(settings.apikeyMaxLifetimeDays(key.accountId()), key, null, true);
            expiresAt = null;
            changed.add("expires_at");
        }
        ApiKey updated = key.withDetails(name, description, supportSessions, leakAction, expiresAt, now);
        Map<String, String> details = new LinkedHashMap<>();
        for (String field : changed) {
            details.put(field, switch (field) {
                case "name" -> updated.name();
                case "description" -> updated.description() == null ? "" : updated.description();
                case "support_sessions" -> Boolean.toString(updated.supportSessions());
                case "action_when_leaked" -> updated.actionWhenLeaked().wire();
                default -> updated.expiresAt() == null ? "" : updated.expiresAt().toString();
            });
        }
        tx.inTransaction(() -> {
            write(key, updated, history(caller, "update", changed, "API key updated"));
            audited(caller, updated, "update", details);
            return null;
        });
        return updated;
    }

    /**
     * Gives a key a new value, shown this once (decision 0032). The key keeps its id, name, settings and history; the
     * value it had keeps working for {@code graceSeconds} (0 to {@value #MAX_GRACE_SECONDS}) and is refused from then
     * on; a value an earlier rotation kept stops working at once, so at most two values work at any time. A stored
     * ({@code store_value}) service ID key stores the new value sealed. Whoever may change the key may rotate it;
     * {@code ifMatch}, when given, must name its current version. Refused on a locked key.
     */
    public CreatedApiKey rotate(Principal caller, String id, String ifMatch, long graceSeconds) {
        ApiKey key = find(id);
        requireOwnerOr(caller, key, "rotate");
        if (ifMatch != null) {
            EntityTag.requireMatch(ifMatch, key.id(), key.version());
        }
        requireUnlocked(key, "rotated");
        if (graceSeconds < 0 || graceSeconds > MAX_GRACE_SECONDS) {
            throw DomainException.invalid("Field 'grace_seconds' must be from 0 to " + MAX_GRACE_SECONDS
                    + " (7 days): how long the current value keeps working after the rotation.");
        }
        Instant now = now();
        Instant graceUntil = graceSeconds == 0 ? null : now.plusSeconds(graceSeconds);
        Secret value = new Secret(format.generate(random));
        ApiKey rotated = key.rotated(ApiKeyHash.of(value), format.displayPrefix(value.reveal()), graceUntil, now);
        byte[] sealed = store.sealedValue(key.id()).isPresent()
                ? box.seal(value.reveal().getBytes(StandardCharsets.UTF_8), sealingContext(key.id())) : null;
        String message = "API key rotated; " + (graceUntil == null ? "the previous value stopped working at once"
                : "the previous value works until " + graceUntil + " (grace " + graceSeconds + " seconds)")
                + (key.inGrace(now) ? "; the value replaced by the rotation before stopped working" : "");
        tx.inTransaction(() -> {
            if (!store.rotate(rotated, key.version(), sealed, history(caller, "rotate", List.of("grace_seconds"),
                    message))) {
                throw concurrentChange();
            }
            // the owner hears of every rotation: a warning when someone else did it, a plain notice otherwise
            notifier.enqueue(key.iamId().equals(caller.iamId())
                    ? KeyEvent.rotated(key.accountId(), key.id(), key.name(), rotated.displayPrefix(), key.iamId(),
                            key.expiresAt(), now, graceUntil)
                    : KeyEvent.rotatedByOther(key.accountId(), key.id(), key.name(), rotated.displayPrefix(),
                            key.iamId(), caller.iamId(), key.expiresAt(), now, graceUntil));
            Map<String, String> details = new LinkedHashMap<>();
            details.put("grace_seconds", Long.toString(graceSeconds));
            if (graceUntil != null) {
                details.put("previous_value_until", graceUntil.toString());
            }
            audited(caller, rotated, "rotate", details);
            return null;
        });
        return new CreatedApiKey(rotated, value);
    }

    public void delete(Principal caller, String id) {
        ApiKey key = find(id);
        requireOwnerOr(caller, key, "change");
        requireUnlocked(key, "deleted");
        tx.inTransaction(() -> {
            if (!store.delete(key.id(), key.version())) {
                throw concurrentChange();
            }
            audited(caller, key, "delete", Map.of());
            notifyIfByOther(caller, key, KeyEvent.Kind.DELETED_BY_OTHER);
            return null;
        });
    }

    public void setLocked(Principal caller, String id, boolean locked) {
        ApiKey key = find(id);
        requireOwnerOr(caller, key, "change");
        if (key.locked() == locked) {
            throw alreadyInState(locked ? "locked" : "unlocked");
        }
        String action = locked ? "lock" : "unlock";
        tx.inTransaction(() -> {
            write(key, key.withLocked(locked, now()), history(caller, action, List.of(), "API key " + action + "ed"));
            audited(caller, key, action, Map.of());
            return null;
        });
    }

    /** Disabling is allowed on a locked key: locking guards against edits, not against a security response. */
    public void setDisabled(Principal caller, String id, boolean disabled) {
        ApiKey key = find(id);
        requireOwnerOr(caller, key, "change");
        if (key.disabled() == disabled) {
            throw alreadyInState(disabled ? "disabled" : "enabled");
        }
        String action = disabled ? "disable" : "enable";
        tx.inTransaction(() -> {
            write(key, key.withDisabled(disabled, now()), history(caller, action, List.of(), "API key " + action + "d"));
            audited(caller, key, action, Map.of());
            if (disabled) {
                notifyIfByOther(caller, key, KeyEvent.Kind.DISABLED_BY_OTHER);
            }
            return null;
        });
    }

    /**
     * Deletes every API key of an identity in an account as part of removing that identity (a user leaving the
     * account, a service ID deleted), and tells each key's owner and the account's administrators, as for any key
     * someone else deletes. Call it inside the removing transaction. It checks no permission itself: the service
     * that removes the identity has checked the caller's right to.
     */
    public List<ApiKey> deleteAllOf(Principal caller, String accountId, String iamId) {
        List<ApiKey> deleted = store.deleteForIdentity(accountId, iamId);
        deleted.forEach(key -> {
            audited(caller, key, "delete", Map.of("reason", IamIds.isServiceId(iamId) ? "service ID deleted"
                    : "user removed from the account"));
            notifyIfByOther(caller, key, KeyEvent.Kind.DELETED_BY_OTHER);
        });
        return deleted;
    }

    /** Someone else disabled or deleted the key: its owner and the administrators hear of it, in the same transaction. */
    private void notifyIfByOther(Principal caller, ApiKey key, KeyEvent.Kind kind) {
        if (!key.iamId().equals(caller.iamId())) {
            notifier.enqueue(KeyEvent.changedByOther(kind, key.accountId(), key.id(), key.name(), key.displayPrefix(),
                    key.iamId(), caller.iamId(), key.expiresAt(), now()));
        }
    }

    public Page<ApiKey> list(Principal caller, ListApiKeys request) {
        String accountId = request.accountId() == null ? caller.accountId() : request.accountId();
        if (request.scope() == ListApiKeys.Scope.ACCOUNT && request.type() == ApiKeyQuery.KeyType.SERVICEID
                && !access.permits(caller, MANAGE_OTHERS, identityService(accountId))
                && mayListServiceIdKeys(caller, accountId)) {
            return serviceIdKeysManagedBy(caller, accountId, request);
        }
        String iamId = switch (request.scope()) {
            case ENTITY -> {
                String whose = request.iamId() == null ? caller.iamId() : request.iamId();
                if (!whose.equals(caller.iamId()) && !access.permits(caller, MANAGE_OTHERS, identityService(accountId))
                        && !mayUpdateServiceId(caller, accountId, whose)) {
                    throw DomainException.forbidden("Listing the API keys of " + whose
                            + " needs the Administrator role on the IAM Identity service in account " + accountId
                            + (IamIds.isServiceId(whose) ? ", or the right to update that service ID." : "."));
                }
                yield whose;
            }
            case ACCOUNT -> {
                if (!access.permits(caller, MANAGE_OTHERS, identityService(accountId))) {
                    throw DomainException.forbidden("Listing all API keys of account " + accountId
                            + " needs the Administrator role on the IAM Identity service in that account"
                            + " (the service ID keys only: the right to update their service IDs).");
                }
                yield request.iamId();
            }
        };
        return KeyPages.page(request, new ApiKeyQuery(accountId, iamId, request.type(), request.filter(),
                request.sort(), request.descending(), request.offset(), request.limit()), store::list);
    }

    /**
     * The service ID keys of the account whose service IDs the caller may update: what "All service ID API keys" shows
     * someone who manages some service IDs but is no Administrator of the IAM Identity service. Whether a key shows is
     * decided per service ID after the query, since a policy may name one service ID or all of them; reading from a
     * position, the next page is read from where the last one ended, so its cost does not grow with its depth.
     */
    private Page<ApiKey> serviceIdKeysManagedBy(Principal caller, String accountId, ListApiKeys request) {
        Map<String, Boolean> mayUpdate = new HashMap<>();
        Predicate<ApiKey> allowed = key -> mayUpdate.computeIfAbsent(key.iamId(),
                iamId -> mayUpdateServiceId(caller, accountId, iamId));
        return KeyPages.page(request, new ApiKeyQuery(accountId, request.iamId(), ApiKeyQuery.KeyType.SERVICEID,
                        request.filter(), request.sort(), request.descending(), request.offset(), request.limit()),
                query -> KeyPages.filtered(store::list, query, allowed, 200));
    }

    private ApiKey find(String id) {
        return store.find(id).orElseThrow(() -> DomainException.notFound("ApiKey", id));
    }

    /**
     * A key's own identity may do anything to it; anyone else needs {@value #MANAGE_OTHERS} (Administrator), or,
     * for a service ID's key, the right to update that service ID.
     */
    private void requireOwnerOr(Principal caller, ApiKey key, String verb) {
        if (!key.iamId().equals(caller.iamId()) && !access.permits(caller, MANAGE_OTHERS, identityService(key.accountId()))
                && !mayUpdateServiceId(caller, key.accountId(), key.iamId())) {
            throw DomainException.forbidden("You are not allowed to " + verb + " API key " + key.id()
                    + ": it is not yours, and this needs the Administrator role on the IAM Identity service in account "
                    + key.accountId() + (key.isServiceIdKey() ? ", or the right to update its service ID." : "."));
        }
    }

    private boolean mayUpdateServiceId(Principal caller, String accountId, String iamId) {
        return IamIds.isServiceId(iamId)
                && access.permits(caller, IamIdentityActions.SERVICE_ID_UPDATE, Resource.serviceId(accountId, IamIds.serviceIdOf(iamId)));
    }

    private static Resource identityService(String accountId) {
        return Resource.service(accountId, "iam-identity");
    }

    private void write(ApiKey before, ApiKey after, HistoryEntry entry) {
        if (!store.update(after, before.version(), entry)) {
            throw concurrentChange();
        }
    }

    private static DomainException concurrentChange() {
        return new DomainException(ErrorCode.ENTITY_TAG_MISMATCH,
                "The API key was changed by another request at the same time; read it again and retry.");
    }

    private static void requireUnlocked(ApiKey key, String verb) {
        if (key.locked()) {
            throw new DomainException(ErrorCode.INVALID_STATE,
                    "API key " + key.id() + " is locked and cannot be " + verb + "; unlock it first.");
        }
    }

    private static DomainException alreadyInState(String state) {
        return new DomainException(ErrorCode.INVALID_STATE,
                "Conflict: the API key is already " + state + ".");
    }

    /** The audit event of a change to {@code key}: {@code iam-identity.apikey.<verb>}, in the key's account. */
    private void audited(Principal caller, ApiKey key, String verb, Map<String, String> details) {
        audit.record(caller, key.accountId(), "iam-identity.apikey." + verb, target(key), details);
    }

    /** What an audit event names a key by: its id and name, and the identity it belongs to among the details. */
    public static AuditTarget target(ApiKey key) {
        return AuditTarget.of("apikey", key.id(), key.name());
    }

    private static Map<String, String> created(ApiKey key, boolean storedValue) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("iam_id", key.iamId());
        details.put("name", key.name());
        if (key.expiresAt() != null) {
            details.put("expires_at", key.expiresAt().toString());
        }
        details.put("store_value", Boolean.toString(storedValue));
        details.put("locked", Boolean.toString(key.locked()));
        details.put("disabled", Boolean.toString(key.disabled()));
        details.put("action_when_leaked", key.actionWhenLeaked().wire());
        return details;
    }

    private HistoryEntry history(Principal caller, String action, List<String> params, String message) {
        return new HistoryEntry(now(), caller.iamId(), caller.accountId(), action, params, message);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private String checkSupplied(String value) {
        if (value.length() < MIN_SUPPLIED_VALUE || value.length() > MAX_SUPPLIED_VALUE) {
            throw DomainException.invalid("Field 'apikey' must be " + MIN_SUPPLIED_VALUE + " to " + MAX_SUPPLIED_VALUE
                    + " characters long.");
        }
        if (format.claimsFormat(value) && !format.isWellFormed(value)) {
            throw DomainException.invalid("Field 'apikey' starts with '" + format.prefix()
                    + "_' but is not a well-formed Latchkey key (its checksum does not match).");
        }
        return value;
    }

    private static Instant futureExpiry(Instant expiresAt, Instant now) {
        if (expiresAt == null) {
            return null;
        }
        if (!expiresAt.isAfter(now)) {
            throw DomainException.invalid("Field 'expires_at' must be in the future.");
        }
        return expiresAt;
    }
}
