package dev.latchkey.core.notification;

import dev.latchkey.core.access.AccessDecider;
import dev.latchkey.core.access.Resource;
import dev.latchkey.core.audit.AuditTarget;
import dev.latchkey.core.audit.AuditTrail;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.EntityTag;
import dev.latchkey.core.common.ErrorCode;
import dev.latchkey.core.common.Ids;
import dev.latchkey.core.common.KeyFormat;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.common.SealedSecret;
import dev.latchkey.core.common.Secret;
import dev.latchkey.core.common.SecretBox;
import dev.latchkey.core.common.Transactor;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * An account's webhook endpoints: create (the signing secret is shown once; the endpoint subscribes to key events,
 * audit events or both), list, change (description and events, with {@code If-Match}; the URL stays, decision record
 * 0054), delete; and, for delivery, the
 * secret of an endpoint. Secrets are sealed with the master key rather than hashed, because signing needs the
 * secret itself. Changes need {@code iam-identity.account.update}, listing {@code iam-identity.account.get}.
 * Thread-safe.
 */
public final class WebhookEndpointService {
    public static final String UPDATE = "iam-identity.account.update";
    public static final String GET = "iam-identity.account.get";
    public static final int MAX_PER_ACCOUNT = 20;
    static final int MAX_URL = 2048;
    static final int MAX_DESCRIPTION = 1024;
    private final WebhookEndpointStore store;
    private final AccessDecider access;
    private final SecretBox box;
    private final KeyFormat secrets = new KeyFormat("lkwh");
    private final Ids ids;
    private final SecureRandom random;
    private final Clock clock;
    private final WebhookTargets targets;

    /** A new endpoint with its secret, which is shown this once. */
    public record Created(WebhookEndpoint endpoint, Secret secret) {
    }

    private final Transactor tx;
    private final AuditTrail audit;

    public WebhookEndpointService(WebhookEndpointStore store, AccessDecider access, SecretBox box, Ids ids,
                                  SecureRandom random, Clock clock, WebhookTargets targets, Transactor tx,
                                  AuditTrail audit) {
        this.tx = tx;
        this.audit = audit;
        this.store = store;
        this.access = access;
        this.box = box;
        this.ids = ids;
        this.random = random;
        this.clock = clock;
        this.targets = targets;
    }

    /** A new endpoint that receives key events ({@link EventFamily#DEFAULT}). */
    public Created create(Principal caller, String accountId, String url, String description) {
        return create(caller, accountId, url, description, null);
    }

    /**
     * A new endpoint that receives the event families {@code events} names ({@code key}, {@code audit}); null means
     * {@link EventFamily#DEFAULT}, an empty list or an unknown name is refused.
     */
    public Created create(Principal caller, String accountId, String url, String description, List<String> events) {
        access.require(caller, UPDATE, identityService(accountId), "add notification endpoints to account " + accountId);
        URI checked = checkUrl(url);
        targets.refusal(checked.getHost()).ifPresent(reason -> {
            throw DomainException.invalid("Field 'url' is not allowed: " + reason + ".");
        });
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw DomainException.invalid("Field 'description' must be at most " + MAX_DESCRIPTION + " characters.");
        }
        Set<EventFamily> families = EventFamily.parse(events);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        WebhookEndpoint endpoint = new WebhookEndpoint("Endpoint-" + ids.uuid(), accountId, checked.toString(),
                description == null || description.isEmpty() ? null : description, caller.iamId(), now, families);
        Secret secret = new Secret(secrets.generate(random));
        byte[] sealed = box.seal(secret.reveal().getBytes(StandardCharsets.UTF_8), context(endpoint.id()));
        tx.inTransaction(() -> {
            if (!store.insertWithin(endpoint, sealed, MAX_PER_ACCOUNT)) {
                throw new DomainException(ErrorCode.LIMIT_REACHED, "Account " + accountId + " has "
                        + MAX_PER_ACCOUNT + " notification endpoints already; delete one before adding another.");
            }
            audited(caller, endpoint, "create", Map.of("events", EventFamily.join(families)));
            return null;
        });
        return new Created(endpoint, secret);
    }

    public List<WebhookEndpoint> list(Principal caller, String accountId) {
        access.require(caller, GET, identityService(accountId), "list the notification endpoints of account " + accountId);
        return store.list(accountId);
    }

    /** One endpoint of the account; not found when the account has no such endpoint. */
    public WebhookEndpoint get(Principal caller, String accountId, String id) {
        access.require(caller, GET, identityService(accountId),
                "read the notification endpoints of account " + accountId);
        return inAccount(accountId, id);
    }

    /**
     * Changes an endpoint's {@code description} (null: unchanged; empty: none) and {@code events} (null: unchanged;
     * otherwise as {@link #create} reads them, and not empty), if {@code ifMatch} is its current entity tag or
     * {@code *}. Its URL and signing secret stay: a receiver elsewhere is a new endpoint, with a secret of its own.
     * Audited as {@code iam-identity.notification_endpoint.update} with the events it receives afterwards.
     */
    public WebhookEndpoint update(Principal caller, String accountId, String id, String ifMatch, String description,
                                  List<String> events) {
        access.require(caller, UPDATE, identityService(accountId),
                "change notification endpoints of account " + accountId);
        WebhookEndpoint current = inAccount(accountId, id);
        EntityTag.requireMatch(ifMatch, current.id(), current.version());
        if (description != null && description.length() > MAX_DESCRIPTION) {
            throw DomainException.invalid("Field 'description' must be at most " + MAX_DESCRIPTION + " characters.");
        }
        if (events != null && events.isEmpty()) {
            throw DomainException.invalid("Field 'events' must name at least one event family: 'key', 'audit' or "
                    + "both.");
        }
        WebhookEndpoint changed = current.changed(
                description == null ? current.description() : description.isEmpty() ? null : description,
                events == null ? current.events() : EventFamily.parse(events));
        tx.inTransaction(() -> {
            if (!store.update(changed, current.version())) {
                throw new DomainException(ErrorCode.ENTITY_TAG_MISMATCH, "Notification endpoint " + id
                        + " was changed or deleted by someone else while this change was made; read it again.");
            }
            audited(caller, changed, "update", Map.of("events", EventFamily.join(changed.events())));
            return null;
        });
        return changed;
    }

    private WebhookEndpoint inAccount(String accountId, String id) {
        return store.find(id).filter(e -> e.accountId().equals(accountId))
                .orElseThrow(() -> DomainException.notFound("NotificationEndpoint", id));
    }

    public void delete(Principal caller, String accountId, String id) {
        access.require(caller, UPDATE, identityService(accountId), "delete notification endpoints of account " + accountId);
        WebhookEndpoint endpoint = inAccount(accountId, id);
        tx.inTransaction(() -> {
            if (!store.delete(accountId, id)) {
                throw DomainException.notFound("NotificationEndpoint", id);
            }
            audited(caller, endpoint, "delete", Map.of());
            return null;
        });
    }

    /** {@code iam-identity.notification_endpoint.<verb>}; the URL is named, the signing secret never. */
    private void audited(Principal caller, WebhookEndpoint endpoint, String verb, Map<String, String> details) {
        audit.record(caller, endpoint.accountId(), "iam-identity.notification_endpoint." + verb,
                AuditTarget.of("notification_endpoint", endpoint.id(), endpoint.url()), details);
    }

    /** The secret that signs deliveries to an endpoint; empty when the endpoint no longer exists. */
    public Optional<Secret> signingSecret(String endpointId) {
        return store.sealedSecret(endpointId)
                .map(sealed -> new Secret(new String(box.open(sealed, context(endpointId)), StandardCharsets.UTF_8)));
    }

    private static String context(String endpointId) {
        return SealedSecret.WEBHOOK_SECRET.context(endpointId);
    }

    /** Whether {@link #list} would answer the caller for this account rather than refuse. */
    public boolean mayList(Principal caller, String accountId) {
        return access.permits(caller, GET, identityService(accountId));
    }

    /** Whether {@link #create}, {@link #update} and {@link #delete} would let the caller change the endpoints. */
    public boolean mayChange(Principal caller, String accountId) {
        return access.permits(caller, UPDATE, identityService(accountId));
    }

    private static Resource identityService(String accountId) {
        return Resource.service(accountId, "iam-identity");
    }

    static URI checkUrl(String url) {
        if (url == null || url.isBlank()) {
            throw DomainException.invalid("Field 'url' is required: the http or https URL to POST notifications to.");
        }
        if (url.length() > MAX_URL) {
            throw DomainException.invalid("Field 'url' must be at most " + MAX_URL + " characters.");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw DomainException.invalid("Field 'url' is not a valid URL: " + e.getReason() + ".");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw DomainException.invalid("Field 'url' must be an http or https URL, not '"
                    + (scheme.isEmpty() ? "a relative reference" : scheme + ":") + "'.");
        }
        if (uri.getHost() == null || uri.getHost().isEmpty()) {
            throw DomainException.invalid("Field 'url' must name a host, e.g. https://hooks.example.com/latchkey.");
        }
        if (uri.getRawUserInfo() != null) {
            throw DomainException.invalid("Field 'url' must not contain a user name or password; the request is "
                    + "signed with the endpoint's secret instead.");
        }
        return uri;
    }
}
