package dev.latchkey.core.leak;

import dev.latchkey.core.audit.AuditEvent;
import dev.latchkey.core.audit.AuditTarget;
import dev.latchkey.core.audit.AuditTrail;
import java.util.LinkedHashMap;
import java.util.Map;
import dev.latchkey.core.access.AccessDecider;
import dev.latchkey.core.access.Resource;
import dev.latchkey.core.apikey.Activity;
import dev.latchkey.core.apikey.ActivityRecorder;
import dev.latchkey.core.apikey.ApiKey;
import dev.latchkey.core.apikey.ApiKeyService;
import dev.latchkey.core.apikey.ApiKeyStore;
import dev.latchkey.core.common.ApiKeyHash;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.HistoryEntry;
import dev.latchkey.core.common.Ids;
import dev.latchkey.core.common.KeyFormat;
import dev.latchkey.core.common.Page;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.common.Transactor;
import dev.latchkey.core.notification.KeyEvent;
import dev.latchkey.core.notification.Notifier;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Takes leak reports and responds to each at once: the sighting is recorded, the key's {@code action_when_leaked}
 * is carried out (disable, or delete — the sighting then stands as the tombstone), and the owner and account
 * administrators are notified, all in one transaction per token. Idempotent on the token's SHA-256: a token
 * reported twice is answered from the first record and acted on once. Thread-safe.
 */
public final class LeakService {
    public static final int MAX_BATCH = 1000;
    /** The identity named in the history of keys changed by the leak response. */
    public static final String RESPONDER = "Latchkey-leak-response";

    private final Transactor tx;
    private final LeakStore leaks;
    private final ApiKeyStore keys;
    private final ActivityRecorder activity;
    private final Notifier notifications;
    private final AccessDecider access;
    private final KeyFormat format;
    private final Ids ids;
    private final Clock clock;
    private final LeakMetrics metrics;

    /** GitHub's feedback for one token: {@code true_positive} when it was a live Latchkey key. */
    public record Verdict(String tokenHash, String tokenType, String label) {
    }

    /** A sighting for review, with the key's activity now (null when the key is gone). */
    public record Review(Sighting sighting, Activity activityNow) {
        public long authnSinceReport() {
            return activityNow == null ? 0 : Math.max(0, activityNow.authnCount() - sighting.authnCountAtReport());
        }
    }

    private final AuditTrail audit;

    public LeakService(Transactor tx, LeakStore leaks, ApiKeyStore keys, ActivityRecorder activity,
                       Notifier notifications, AccessDecider access, KeyFormat format, Ids ids, Clock clock,
                       AuditTrail audit) {
        this(tx, leaks, keys, activity, notifications, access, format, ids, clock, audit, LeakMetrics.NONE);
    }

    /** As above, telling {@code metrics} what was done about each reported token. */
    public LeakService(Transactor tx, LeakStore leaks, ApiKeyStore keys, ActivityRecorder activity,
                       Notifier notifications, AccessDecider access, KeyFormat format, Ids ids, Clock clock,
                       AuditTrail audit, LeakMetrics metrics) {
        this.tx = tx;
        this.audit = audit;
        this.leaks = leaks;
        this.keys = keys;
        this.activity = activity;
        this.notifications = notifications;
        this.access = access;
        this.format = format;
        this.ids = ids;
        this.clock = clock;
        this.metrics = metrics;
    }

    public List<Verdict> report(List<LeakReport> reports, String reportedBy) {
        if (reports.size() > MAX_BATCH) {
            throw DomainException.invalid("At most " + MAX_BATCH + " tokens per report; send the rest in another request.");
        }
        List<Verdict> verdicts = new ArrayList<>(reports.size());
        for (LeakReport report : reports) {
            verdicts.add(respond(report, reportedBy));
        }
        return verdicts;
    }

    private Verdict respond(LeakReport report, String reportedBy) {
        String value = report.token().reveal();
        String hash = ApiKeyHash.of(value);
        Optional<Sighting> known = leaks.findByHash(hash);
        if (known.isPresent()) {
            metrics.reported("repeat");
            return verdict(known.get(), report.type());
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        // A value a rotation replaced is the key's while its grace lasts: leaking it leaks the key (decision 0032).
        Optional<ApiKey> key = format.claimsFormat(value) && !format.isWellFormed(value) ? Optional.empty()
                : keys.findByHash(hash).filter(k -> k.acceptsHash(hash, clock.instant()));
        if (key.isEmpty()) {
            metrics.reported("not_a_key");
            return verdict(leaks.insertIfAbsent(new Sighting(ids.uuid(), hash, report.type(), null, null,
                    format.displayPrefix(value), null, null, report.url(), report.source(), reportedBy, now,
                    Sighting.UNKNOWN, 0)), report.type());
        }
        Sighting acted;
        try {
            acted = tx.inTransaction(() -> act(key.get(), hash, report, reportedBy, now));
        } catch (RuntimeException raced) {
            // Another request recorded the same token first (unique hash): answer from its record.
            Verdict first = leaks.findByHash(hash).map(s -> verdict(s, report.type())).orElseThrow(() -> raced);
            metrics.reported("repeat");
            return first;
        }
        metrics.reported(acted.action().replace(' ', '_'));
        return verdict(acted, report.type());
    }

    private Sighting act(ApiKey key, String hash, LeakReport report, String reportedBy, Instant now) {
        String action = switch (key.actionWhenLeaked()) {
            case NONE -> "none";
            case DISABLE -> key.disabled() ? "already disabled" : "disabled";
            case DELETE -> "deleted";
        };
        Sighting sighting = leaks.insertIfAbsent(new Sighting(ids.uuid(), hash, report.type(), key.id(), key.name(),
                key.displayPrefix(), key.accountId(), key.iamId(), report.url(), report.source(), reportedBy, now, action,
                activity.activity(key.id()).authnCount()));
        String where = report.url() == null ? "" : " at " + report.url();
        switch (action) {
            case "disabled" -> {
                if (!keys.update(key.withDisabled(true, now), key.version(), new HistoryEntry(now, RESPONDER,
                        key.accountId(), "disable", List.of(), "Disabled automatically: reported leaked" + where))) {
                    throw new IllegalStateException("the key changed while its leak was handled");
                }
            }
            case "deleted" -> {
                if (!keys.delete(key.id(), key.version())) {
                    throw new IllegalStateException("the key changed while its leak was handled");
                }
            }
            default -> {
            }
        }
        KeyEvent.Action taken = switch (action) {
            case "deleted" -> KeyEvent.Action.DELETED;
            case "disabled", "already disabled" -> KeyEvent.Action.DISABLED;
            default -> KeyEvent.Action.NONE;
        };
        notifications.enqueue(KeyEvent.leaked(key.accountId(), key.id(), key.name(), key.displayPrefix(), key.iamId(),
                report.url(), report.source(), taken, key.expiresAt(), now));
        Map<String, String> details = new LinkedHashMap<>();
        details.put("action", action);
        details.put("iam_id", key.iamId());
        if (report.url() != null) {
            details.put("url", report.url());
        }
        if (report.source() != null) {
            details.put("source", report.source());
        }
        audit.record(key.accountId(), reportedBy, "iam-identity.apikey.leak", AuditTarget.of("apikey", key.id(),
                key.name()), AuditEvent.Outcome.SUCCESS, details);
        return sighting;
    }

    /** Whether a leak of this key was reported (whatever was done about it). */
    public boolean wasReported(ApiKey key) {
        return leaks.findByHash(key.hash()).isPresent();
    }

    /** The sightings of an account's keys, for its IAM Identity Administrators (the API's review). */
    public Page<Review> review(Principal caller, String accountId, int offset, int limit) {
        access.require(caller, ApiKeyService.MANAGE_OTHERS, identityService(accountId),
                "review the leaked keys of account " + accountId);
        return reviews(leaks.forAccount(accountId, offset, limit));
    }

    /**
     * The sightings of the keys {@code caller} may manage in {@code accountId}, newest first: every key's for who
     * may manage others' keys there (Administrator on the IAM Identity service, the account owner), otherwise the
     * caller's own keys' in the account they act in. A sighting stays with its key's owner after the key was
     * deleted. {@code owners} narrows to user or service ID keys; null for both.
     */
    public Page<Review> reviewManaged(Principal caller, String accountId, LeakStore.Owners owners, int offset,
                                      int limit) {
        boolean all = reviewsAll(caller, accountId);
        if (!all && !caller.accountId().equals(accountId)) {
            access.require(caller, ApiKeyService.MANAGE_OTHERS, identityService(accountId),
                    "review the leaked keys of account " + accountId);
        }
        return reviews(leaks.list(new LeakStore.Query(accountId, all ? null : caller.iamId(), owners, offset, limit)));
    }

    /** Whether {@link #reviewManaged} shows {@code caller} the sightings of every key of the account. */
    public boolean reviewsAll(Principal caller, String accountId) {
        return access.permits(caller, ApiKeyService.MANAGE_OTHERS, identityService(accountId));
    }

    private Page<Review> reviews(Page<Sighting> page) {
        List<Review> reviews = page.items().stream().map(s -> new Review(s,
                keys.find(s.keyId()).map(k -> activity.activity(k.id())).orElse(null))).toList();
        return new Page<>(reviews, page.offset(), page.limit(), page.hasMore());
    }

    private static Resource identityService(String accountId) {
        return Resource.service(accountId, "iam-identity");
    }

    private static Verdict verdict(Sighting sighting, String type) {
        return new Verdict(sighting.tokenHash(), type == null ? sighting.tokenType() : type,
                sighting.matchedAKey() ? "true_positive" : "false_positive");
    }
}
