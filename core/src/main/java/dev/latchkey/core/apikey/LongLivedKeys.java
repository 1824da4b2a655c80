package dev.latchkey.core.apikey;

import dev.latchkey.core.access.AccessDecider;
import dev.latchkey.core.access.Resource;
import dev.latchkey.core.common.Page;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.settings.AccountSettingsService;
import java.time.Instant;
import java.util.List;
import java.util.OptionalInt;

/**
 * The lifetime report: the user and service ID keys of an account that outlive its {@code apikey_max_lifetime_days}
 * (no expiry, or one more than that many days after creation). The rule refuses new such keys; the ones made before
 * it keep working and are listed here until they are replaced or given an expiry within the rule. Service
 * credentials' keys are left out: the rule does not apply to them. Only an Administrator of the IAM Identity service
 * (who may list every key of the account) may read it. Thread-safe.
 */
public final class LongLivedKeys {
    private final ApiKeyStore store;
    private final AccountSettingsService settings;
    private final AccessDecider access;
    private final CredentialLinks credentials;

    /** One page of the report; {@code maxLifetimeDays} empty (and no keys) when the account sets no rule. */
    public record Report(String accountId, OptionalInt maxLifetimeDays, Page<ApiKey> keys) {
        /** The latest expiry the rule allows {@code key}. */
        public Instant latestExpiry(ApiKey key) {
            return KeyLifetime.latestExpiry(key.createdAt(), maxLifetimeDays.orElseThrow());
        }
    }

    public LongLivedKeys(ApiKeyStore store, AccountSettingsService settings, AccessDecider access,
                         CredentialLinks credentials) {
        this.store = store;
        this.settings = settings;
        this.access = access;
        this.credentials = credentials;
    }

    /** Whether the caller may read the report of the account (the console offers it to exactly these callers). */
    public boolean mayList(Principal caller, String accountId) {
        return access.permits(caller, ApiKeyService.MANAGE_OTHERS, identityService(accountId));
    }

    /** The keys at {@code offset}, oldest first, at most {@code limit}. */
    public Report list(Principal caller, String accountId, int offset, int limit) {
        access.require(caller, ApiKeyService.MANAGE_OTHERS, identityService(accountId),
                "list the API keys of account " + accountId + " that outlive its apikey_max_lifetime_days");
        OptionalInt rule = settings.apikeyMaxLifetimeDays(accountId);
        if (rule.isEmpty()) {
            return new Report(accountId, rule, new Page<>(List.of(), offset, limit, false));
        }
        Page<ApiKey> keys = Page.filtered((at, count) -> store.listLongLived(accountId, rule.getAsInt(), at, count),
                key -> !backsCredential(key), offset, limit, 200);
        return new Report(accountId, rule, keys);
    }

    /** Only service ID keys can back a service credential; user keys need no lookup. */
    private boolean backsCredential(ApiKey key) {
        return key.isServiceIdKey() && credentials.resourceKeyCrns(List.of(key.id())).containsKey(key.id());
    }

    private static Resource identityService(String accountId) {
        return Resource.service(accountId, "iam-identity");
    }
}
