package dev.latchkey.core.notification;

import dev.latchkey.core.access.AccessDecider;
import dev.latchkey.core.access.PolicyStore;
import dev.latchkey.core.access.Resource;
import dev.latchkey.core.access.Role;
import dev.latchkey.core.account.AccountStore;
import dev.latchkey.core.common.Ids;
import dev.latchkey.core.common.Keyset;
import dev.latchkey.core.common.Page;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.common.Transactor;
import dev.latchkey.core.identity.Membership;
import dev.latchkey.core.identity.User;
import dev.latchkey.core.identity.UserStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns key events into outbox messages: one e-mail for the key's user (none for a service ID), one for each IAM
 * Identity Administrator of the account (the owner and every subject of an active Administrator policy on
 * {@code iam-identity}; not for a rotation by the key's own identity), and one webhook delivery per endpoint of the
 * account that subscribes to {@code key} events, all rendered now and written in the caller's transaction. Also lists an account's outbox for its administrators. Thread-safe.
 */
public final class NotificationService implements Notifier {
    /** Administering others' keys, the action {@code ApiKeyService} checks: IAM Identity Administrators hold it. */
    static final String ADMINISTER_KEYS = "iam-identity.apikey.manage";
    private static final String IAM_IDENTITY = "iam-identity";
    private static final Logger LOG = LoggerFactory.getLogger(NotificationService.class);
    private final Transactor tx;
    private final OutboxStore outbox;
    private final WebhookEndpointStore endpoints;
    private final UserStore users;
    private final AccountStore accounts;
    private final PolicyStore policies;
    private final AccessDecider access;
    private final MessageRenderer renderer;
    private final Ids ids;
    private final Clock clock;

    public NotificationService(Transactor tx, OutboxStore outbox, WebhookEndpointStore endpoints, UserStore users,
                               AccountStore accounts, PolicyStore policies,
                               AccessDecider access, MessageRenderer renderer, Ids ids, Clock clock) {
        this.tx = tx;
        this.outbox = outbox;
        this.endpoints = endpoints;
        this.users = users;
        this.accounts = accounts;
        this.policies = policies;
        this.access = access;
        this.renderer = renderer;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Renders the event and writes one outbox row per recipient. Joins the caller's transaction when there is one
     * (so the change and its notifications commit together); otherwise runs in its own.
     */
    @Override
    public String enqueue(KeyEvent event) {
        String eventId = ids.uuid();
        MessageRenderer.Rendered rendered = renderer.render(eventId, event);
        int written = tx.inTransaction(() -> {
            Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            int count = 0;
            for (String email : mailRecipients(event)) {
                outbox.insert(OutboxMessage.pending(ids.uuid(), eventId, event, OutboxMessage.Channel.EMAIL, email,
                        null, rendered.subject(), rendered.mailBody(), now));
                count++;
            }
            for (WebhookEndpoint endpoint : endpoints.list(event.accountId())) {
                if (!endpoint.receives(EventFamily.KEY)) {
                    continue;
                }
                outbox.insert(OutboxMessage.pending(ids.uuid(), eventId, event, OutboxMessage.Channel.WEBHOOK,
                        endpoint.url(), endpoint.id(), null, rendered.json(), now));
                count++;
            }
            return count;
        });
        LOG.info("queued {} notification(s) of event {} ({}) for key {}", written, eventId, event.kind().wire(),
                event.keyId());
        return eventId;
    }

    /** The outbox of an account, newest first; for its IAM Identity Administrators only (it shows e-mail addresses). */
    public Page<OutboxMessage> list(Principal caller, String accountId, OutboxMessage.State state, int offset,
                                    int limit) {
        return list(caller, accountId, state, null, false, offset, limit);
    }

    /**
     * The page of {@link #list} after {@code from} (or, with {@code before}, the page before it), answered as the page
     * at {@code offset}: keyset paging (decision 0038), so a page at any depth costs what the first one does. A null
     * {@code from} reads the page at {@code offset}.
     */
    public Page<OutboxMessage> list(Principal caller, String accountId, OutboxMessage.State state,
                                    OutboxMessage.Position from, boolean before, int offset, int limit) {
        access.require(caller, ADMINISTER_KEYS, Resource.service(accountId, IAM_IDENTITY),
                "list the notifications of account " + accountId);
        if (from == null) {
            return outbox.list(accountId, state, null, true, offset, limit);
        }
        return Keyset.page(from, before, offset, limit, true,
                (position, newestFirst) -> outbox.list(accountId, state, position, newestFirst, 0, limit));
    }

    /** Whether {@link #list} would answer the caller for this account rather than refuse. */
    public boolean mayList(Principal caller, String accountId) {
        return access.permits(caller, ADMINISTER_KEYS, Resource.service(accountId, IAM_IDENTITY));
    }

    /**
     * Each address once (compared without case): the key's user first, then the administrators. A key its own
     * identity rotated ({@link KeyEvent.Kind#ROTATED}) concerns its owner only: the notice goes to the key's user, and
     * to no one by mail when the identity is a service ID (the webhooks still hear of it).
     */
    List<String> mailRecipients(KeyEvent event) {
        Map<String, String> byAddress = new LinkedHashMap<>();
        if (!event.identityIsServiceId()) {
            users.find(event.identityIamId()).ifPresent(user -> add(byAddress, user));
        }
        if (event.kind() == KeyEvent.Kind.ROTATED) {
            return new ArrayList<>(byAddress.values());
        }
        for (String admin : identityAdministrators(event.accountId())) {
            users.find(admin).filter(user -> isActiveMember(event.accountId(), user)).ifPresent(user -> add(byAddress, user));
        }
        return new ArrayList<>(byAddress.values());
    }

    /**
     * The owner, then every subject that an Administrator policy makes an administrator of iam-identity: on the
     * service itself, on all IAM services ({@code service_group_id=IAM}) or on the whole account.
     */
    List<String> identityAdministrators(String accountId) {
        List<String> admins = new ArrayList<>();
        accounts.find(accountId).ifPresent(account -> admins.add(account.ownerIamId()));
        Resource identity = Resource.service(accountId, IAM_IDENTITY);
        for (String subject : policies.subjectsGranted(accountId, IAM_IDENTITY, Role.ADMINISTRATOR.crn())) {
            if (!admins.contains(subject) && access.permits(new Principal(subject, accountId), ADMINISTER_KEYS, identity)) {
                admins.add(subject);
            }
        }
        return admins;
    }

    private boolean isActiveMember(String accountId, User user) {
        Optional<Membership> membership = users.membership(accountId, user.iamId());
        return membership.isPresent() && membership.get().isActive();
    }

    private static void add(Map<String, String> byAddress, User user) {
        if (user.email() != null && !user.email().isBlank()) {
            byAddress.putIfAbsent(user.email().strip().toLowerCase(Locale.ROOT), user.email().strip());
        }
    }
}
