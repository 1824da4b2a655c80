package dev.latchkey.core.apikey;

import dev.latchkey.core.audit.AuditTrail;
import java.util.Map;
import dev.latchkey.core.common.HistoryEntry;
import dev.latchkey.core.common.Transactor;
import dev.latchkey.core.notification.KeyEvent;
import dev.latchkey.core.notification.Notifier;
import dev.latchkey.core.settings.AccountSettingsService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduled task behind {@code apikey_disable_after_inactive_days}: in every account that sets it, a user or
 * service ID key not used for that many days is disabled, after a warning. A key's last use is the latest of its
 * last authentication (the {@link ActivityRecorder}'s, unflushed counts of this node included), its creation, and
 * its last enabling (so a key someone enables again gets the full period). When a key is within 7 days of its date,
 * its owner and the account's administrators are warned once ({@link InactivityNoticeStore}, unique per key and last
 * use); it is disabled no sooner than its date and no sooner than 7 days after that warning, so enabling the rule
 * never disables a key without notice. The disabling is a versioned write with a history entry by
 * {@value #SYSTEM}, and its notification commits with it: on several nodes one write wins and the others change and
 * send nothing. Service credentials' keys are left alone (their life is the credential's). Thread-safe.
 */
public final class InactiveKeySweep {
    /** The actor of the history entry the sweep writes. */
    public static final String SYSTEM = "system";
    /** How long before a key is disabled its warning is sent, at the least. */
    public static final Duration NOTICE = Duration.ofDays(7);
    static final int PAGE = 200;
    private static final Logger LOG = LoggerFactory.getLogger(InactiveKeySweep.class);
    private final Transactor tx;
    private final ApiKeyStore store;
    private final ActivityRecorder activity;
    private final AccountSettingsService settings;
    private final InactivityNoticeStore notices;
    private final CredentialLinks credentials;
    private final Notifier notifier;
    private final Clock clock;

    /** What one run did. */
    public record Outcome(int warned, int disabled) {
    }

    private final AuditTrail audit;

    public InactiveKeySweep(Transactor tx, ApiKeyStore store, ActivityRecorder activity,
                            AccountSettingsService settings, InactivityNoticeStore notices, CredentialLinks credentials,
                            Notifier notifier, Clock clock, AuditTrail audit) {
        this.audit = audit;
        this.tx = tx;
        this.store = store;
        this.activity = activity;
        this.settings = settings;
        this.notices = notices;
        this.credentials = credentials;
        this.notifier = notifier;
        this.clock = clock;
    }

    /** Warns about and disables every key that is due now; returns how many of each this run did. */
    public Outcome runOnce() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        int warned = 0;
        int disabled = 0;
        for (Map.Entry<String, Integer> rule : settings.inactivityRules().entrySet()) {
            Outcome one = sweep(rule.getKey(), rule.getValue(), now);
            warned += one.warned();
            disabled += one.disabled();
        }
        if (warned + disabled > 0) {
            LOG.info("inactive API keys: {} warning(s) queued, {} key(s) disabled", warned, disabled);
        }
        return new Outcome(warned, disabled);
    }

    private Outcome sweep(String accountId, int days, Instant now) {
        Duration period = Duration.ofDays(days);
        Duration warnAfter = period.compareTo(NOTICE) > 0 ? period.minus(NOTICE) : Duration.ZERO;
        int warned = 0;
        int disabled = 0;
        String after = null;
        while (true) {
            List<ApiKey> keys = store.listIdle(accountId, now.minus(warnAfter), now, after, PAGE);
            Map<String, String> linked = credentials.resourceKeyCrns(
                    keys.stream().filter(ApiKey::isServiceIdKey).map(ApiKey::id).toList());
            for (ApiKey key : keys) {
                if (linked.containsKey(key.id())) {
                    continue;
                }
                Instant lastUse = lastUse(key);
                if (lastUse.plus(warnAfter).isAfter(now)) {
                    continue;
                }
                Optional<Instant> warnedAt = notices.warnedAt(key.id(), lastUse);
                if (warnedAt.isEmpty()) {
                    warned += warn(key, lastUse, days, now) ? 1 : 0;
                    continue;
                }
                Instant disableAt = later(lastUse.plus(period), warnedAt.get().plus(NOTICE));
                if (!now.isBefore(disableAt)) {
                    disabled += disable(key, lastUse, days, now) ? 1 : 0;
                }
            }
            if (keys.size() < PAGE) {
                return new Outcome(warned, disabled);
            }
            after = keys.getLast().id();
        }
    }

    private boolean warn(ApiKey key, Instant lastUse, int days, Instant now) {
        Instant disableAt = later(lastUse.plus(Duration.ofDays(days)), now.plus(NOTICE));
        return tx.inTransaction(() -> {
            if (!notices.recordWarning(key.id(), lastUse, now)) {
                return false;
            }
            notifier.enqueue(KeyEvent.inactive(KeyEvent.Kind.INACTIVE_DISABLE_IN_7_DAYS, key.accountId(), key.id(),
                    key.name(), key.displayPrefix(), key.iamId(), key.expiresAt(),
                    new KeyEvent.Inactivity(lastUse, days, disableAt), now));
            audit.recordSystem(key.accountId(), "iam-identity.apikey.inactivity_warning", ApiKeyService.target(key),
                    Map.of("last_used_at", lastUse.toString(), "inactive_days", Integer.toString(days),
                            "disable_at", disableAt.toString()));
            return true;
        });
    }

    private boolean disable(ApiKey key, Instant lastUse, int days, Instant now) {
        HistoryEntry entry = new HistoryEntry(now, SYSTEM, key.accountId(), "disable", List.of(),
                "Disabled automatically: not used since " + lastUse + " (account setting "
                        + "apikey_disable_after_inactive_days is " + days + ")");
        return tx.inTransaction(() -> {
            if (!store.update(key.withDisabled(true, now), key.version(), entry)) {
                return false; // changed meanwhile, or another node disabled it first: the next run looks again
            }
            notifier.enqueue(KeyEvent.inactive(KeyEvent.Kind.DISABLED_FOR_INACTIVITY, key.accountId(), key.id(),
                    key.name(), key.displayPrefix(), key.iamId(), key.expiresAt(),
                    new KeyEvent.Inactivity(lastUse, days, now), now));
            audit.recordSystem(key.accountId(), "iam-identity.apikey.disable", ApiKeyService.target(key),
                    Map.of("reason", "inactivity", "last_used_at", lastUse.toString(),
                            "inactive_days", Integer.toString(days)));
            return true;
        });
    }

    /** The latest of the key's last authentication, its creation and its last enabling. */
    private Instant lastUse(ApiKey key) {
        Instant last = key.createdAt();
        Instant authn = activity.activity(key.id()).lastAuthn();
        if (authn != null && authn.isAfter(last)) {
            last = authn;
        }
        for (HistoryEntry entry : store.history(key.id())) {
            if ("enable".equals(entry.action()) && entry.timestamp().isAfter(last)) {
                last = entry.timestamp();
            }
        }
        return last.truncatedTo(ChronoUnit.MILLIS);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
