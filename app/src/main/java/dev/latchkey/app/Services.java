package dev.latchkey.app;

import dev.latchkey.adapters.mail.SmtpMailSender;
import dev.latchkey.adapters.password.Argon2PasswordHasher;
import dev.latchkey.adapters.token.JcaTokenSigner;
import dev.latchkey.adapters.token.SigningThreads;
import dev.latchkey.adapters.webhook.HttpWebhookSender;
import dev.latchkey.app.metrics.NodeMetrics;
import dev.latchkey.app.notification.NotificationConfig;
import dev.latchkey.core.access.AccessDecider;
import dev.latchkey.core.access.AccessGroupService;
import dev.latchkey.core.access.CustomRoleService;
import dev.latchkey.core.access.PolicyService;
import dev.latchkey.core.activity.ActivityReportService;
import dev.latchkey.core.apikey.ActivityRecorder;
import dev.latchkey.core.apikey.ApiKeyService;
import dev.latchkey.core.access.Resource;
import dev.latchkey.core.audit.AuditLog;
import dev.latchkey.core.audit.AuditTrail;
import dev.latchkey.core.audit.RefusalBuffer;
import dev.latchkey.core.apikey.InactiveKeySweep;
import dev.latchkey.core.apikey.LongLivedKeys;
import dev.latchkey.core.classic.ClassicKeyService;
import dev.latchkey.core.common.Ids;
import dev.latchkey.core.common.KeyFormat;
import dev.latchkey.core.common.SecretBox;
import dev.latchkey.core.identity.AccountService;
import dev.latchkey.core.identity.PasswordThrottle;
import dev.latchkey.core.identity.UserService;
import dev.latchkey.core.leak.LeakService;
import dev.latchkey.core.notification.AuditDeliveries;
import dev.latchkey.core.notification.ExpiryNotifier;
import dev.latchkey.core.notification.MailSender;
import dev.latchkey.core.notification.MessageRenderer;
import dev.latchkey.core.notification.NotificationService;
import dev.latchkey.core.notification.OutboxDispatcher;
import dev.latchkey.core.notification.WebhookEndpointService;
import dev.latchkey.core.password.PasswordService;
import dev.latchkey.core.resource.ResourceService;
import dev.latchkey.core.serviceid.ServiceIdCreationPolicy;
import dev.latchkey.core.serviceid.ServiceIdGroupService;
import dev.latchkey.core.serviceid.ServiceIdService;
import dev.latchkey.core.session.SessionService;
import dev.latchkey.core.settings.AccountSettingsService;
import dev.latchkey.core.settings.ExternalInteractionObserver;
import dev.latchkey.core.settings.ExternalInteractions;
import dev.latchkey.core.settings.UserSettingsService;
import dev.latchkey.core.token.SigningKeyRing;
import dev.latchkey.core.token.SigningKeyService;
import dev.latchkey.core.token.TokenService;
import dev.latchkey.core.token.TokenSigner;
import dev.latchkey.store.Database;
import dev.latchkey.store.activity.JdbcActivityReportStore;
import dev.latchkey.store.audit.JdbcAuditStore;
import dev.latchkey.store.apikey.JdbcKeyUsageStore;
import dev.latchkey.store.classic.JdbcClassicKeyStore;
import dev.latchkey.store.leak.JdbcLeakStore;
import dev.latchkey.store.notification.JdbcExpiryNoticeStore;
import dev.latchkey.store.notification.JdbcInactivityNoticeStore;
import dev.latchkey.store.password.JdbcPasswordResetStore;
import dev.latchkey.store.resource.JdbcResourcePlanStore;
import dev.latchkey.store.resource.JdbcResourceStore;
import dev.latchkey.store.serviceid.JdbcServiceIdGroupStore;
import dev.latchkey.store.session.JdbcSessionStore;
import dev.latchkey.store.token.JdbcSigningKeyStore;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.Future;

/** Every service of one node, built in the order they depend on each other, over {@link Stores}. */
record Services(AccessDecider access, ActivityRecorder activity, SigningKeyRing ring, TokenSigner signer,
                NotificationService notifications, WebhookEndpointService webhookEndpoints, HttpWebhookSender webhooks,
                OutboxDispatcher dispatcher, ExpiryNotifier expiry, AccountSettingsService settings,
                ApiKeyService apiKeys, ServiceIdService serviceIds, ServiceIdGroupService serviceIdGroups,
                ResourceService resources,
                PolicyService policies, AccessGroupService accessGroups, CustomRoleService customRoles,
                UserService users, AccountService accounts, TokenService tokens,
                LeakService leaks, ClassicKeyService classicKeys, SessionService sessions, PasswordService passwords,
                KeyFormat keyFormat, Ids ids, SigningKeyService signingKeys, ActivityReportService activityReports,
                AuditLog auditLog, RefusalBuffer refusals, LongLivedKeys longLivedKeys,
                InactiveKeySweep inactiveKeys, ExternalInteractions externals, UserSettingsService userSettings) {

    /** {@code firstKeyPair}: the pair of the first signing key, begun ahead on a first start; null otherwise. */
    static Services wire(ServerConfig config, Database database, Stores stores, SecretBox box, SecureRandom random,
                         Clock clock, PublicEndpoint endpoint, NodeMetrics metrics,
                         Future<KeyPair> firstKeyPair) {
        var ring = new SigningKeyRing(new JdbcSigningKeyStore(database.jdbi(), database.changes()), database, box,
                clock, config.tokenAlgorithm());
        // a key made or retired on another node is loaded here at once (PostgreSQL), else at the next scheduled reload
        database.changes().subscribe(JdbcSigningKeyStore.TOPIC, kid -> ring.reload(), ring::reload);
        ring.load(firstKeyPair);
        Ids ids = new Ids(random);
        KeyFormat format = new KeyFormat(config.keyPrefix());
        PolicySubjects subjects = new PolicySubjects(stores.users(), stores.serviceIds(), stores.accessGroups());
        AccessDecider access = new AccessDecider(stores.policies(), stores.accessGroups(), stores.customRoles(),
                stores.accounts(), subjects, clock);
        ActivityRecorder activity = new ActivityRecorder(stores.keys(),
                new JdbcKeyUsageStore(database.jdbi(), database.isPostgres()), database);
        JdbcAuditStore auditStore = new JdbcAuditStore(database.jdbi());
        // audit events reach the account's webhook endpoints that subscribe to 'audit', in the appending transaction
        MessageRenderer renderer = new MessageRenderer(endpoint.url());
        AuditTrail audit = new AuditTrail(auditStore, new AuditDeliveries(stores.outbox(), stores.webhookEndpoints(),
                renderer, ids, clock), database, ids, clock);
        RefusalBuffer refusals = new RefusalBuffer(audit);
        AuditLog auditLog = new AuditLog(auditStore, (caller, accountId) -> access.permits(caller,
                AuditLog.READ_ACTION, Resource.service(accountId, AuditLog.SERVICE)), clock);

        NotificationConfig notify = config.notifications();
        NotificationService notifications = new NotificationService(database, stores.outbox(), stores.webhookEndpoints(),
                stores.users(), stores.accounts(), stores.policies(), access, renderer, ids,
                clock);
        WebhookEndpointService webhookEndpoints = new WebhookEndpointService(stores.webhookEndpoints(), access, box,
                ids, random, clock, notify.webhookTargets(), database, audit);
        HttpWebhookSender webhooks = new HttpWebhookSender(notify.webhookTargets());
        MailSender mail = notify.smtp() == null ? MailSender.UNCONFIGURED : new SmtpMailSender(notify.smtp());
        OutboxDispatcher dispatcher = new OutboxDispatcher(stores.outbox(), mail, webhooks,
                webhookEndpoints::signingSecret, notify.delivery(), ids, clock, metrics.deliveries());
        ExpiryNotifier expiry = new ExpiryNotifier(database, new JdbcExpiryNoticeStore(database.jdbi()), notifications,
                clock);

        AccountSettingsService settings = new AccountSettingsService(stores.settings(), stores.users(), access, clock,
                database, audit);
        // External identity interactions (decision 0034): what they report or refuse is logged and in the audit log
        ExternalInteractionObserver logged = ExternalInteractions.logging();
        ExternalInteractionObserver audited = ExternalInteractions.auditing(refusals);
        ExternalInteractions externals = new ExternalInteractions(settings, event -> {
            logged.observe(event);
            audited.observe(event);
        });
        ApiKeyService apiKeys = new ApiKeyService(stores.keys(), stores.users(), stores.serviceIds(), access, settings,
                activity, format, ids, random, box, clock, database, notifications, audit);
        JdbcServiceIdGroupStore serviceIdGroupStore = new JdbcServiceIdGroupStore(database.jdbi());
        ServiceIdService serviceIds = new ServiceIdService(database, stores.serviceIds(), serviceIdGroupStore, apiKeys,
                stores.policies(), stores.accessGroups(), stores.users(), access,
                ServiceIdCreationPolicy.bySettings(settings, access), ids, clock, audit);
        ServiceIdGroupService serviceIdGroups = new ServiceIdGroupService(database, serviceIdGroupStore, access, ids,
                clock, audit);
        ResourceService resources = new ResourceService(database,
                new JdbcResourceStore(database.jdbi(), database.isPostgres()),
                new JdbcResourcePlanStore(database.jdbi()), stores.serviceIds(), apiKeys, stores.keys(),
                stores.policies(), stores.accessGroups(), access, ids, clock, audit);
        CustomRoleService customRoles = new CustomRoleService(database, stores.customRoles(), stores.policies(), access,
                ids, clock, audit);
        PolicyService policies = new PolicyService(stores.policies(), subjects, customRoles, access, ids, clock,
                database, audit);
        AccessGroupService accessGroups = new AccessGroupService(database, stores.accessGroups(), stores.policies(),
                subjects, access, ids, clock, audit);
        Argon2PasswordHasher hasher = new Argon2PasswordHasher(random);
        UserService users = new UserService(database, stores.users(), stores.accounts(), apiKeys::deleteAllOf,
                stores.policies(), policies, accessGroups, access, hasher, ids, random, clock, audit);
        AccountService accounts = new AccountService(database, stores.accounts(), stores.users(), ids, clock, audit);

        TokenSigner signer = config.signingThreads() == 0 ? new JcaTokenSigner(ring)
                : new SigningThreads(new JcaTokenSigner(ring), config.signingThreads());
        PasswordThrottle signInThrottle = new PasswordThrottle(clock, 100_000, metrics.throttleRefusals("sign_in"));
        TokenService tokens = new TokenService(stores.keys(), stores.users(), stores.serviceIds(), users::authenticate,
                signInThrottle, settings, externals, activity, signer, format, ids, clock, endpoint.issuer(), audit,
                refusals);
        LeakService leaks = new LeakService(database, new JdbcLeakStore(database.jdbi()), stores.keys(), activity,
                notifications, access, format, ids, clock, audit, metrics.leaks());
        ClassicKeyService classicKeys = new ClassicKeyService(new JdbcClassicKeyStore(database.jdbi()), stores.users(),
                box, ids, random, clock, database, audit);
        SessionService sessions = new SessionService(new JdbcSessionStore(database.jdbi()), tokens::mayStillAct,
                principal -> externals.admits(principal, ExternalInteractions.Where.REQUEST), random, clock);
        // Reset mail leaves on a thread of its own: the answer takes as long whether or not the address is a user's.
        PasswordService passwords = new PasswordService(database, stores.users(), users,
                new JdbcPasswordResetStore(database.jdbi()), hasher, signInThrottle,
                new PasswordThrottle(clock, 100_000, metrics.throttleRefusals("password_reset")),
                sessions, mail, task -> Thread.ofVirtual().name("password-reset-mail").start(task), endpoint.url(),
                random, clock, audit);
        return new Services(access, activity, ring, signer, notifications, webhookEndpoints, webhooks, dispatcher,
                expiry, settings, apiKeys, serviceIds, serviceIdGroups, resources, policies, accessGroups, customRoles,
                users, accounts, tokens, leaks, classicKeys,
                sessions, passwords, format, ids, new SigningKeyService(ring, stores.users(), database, audit),
                new ActivityReportService(new JdbcActivityReportStore(database.jdbi()), stores.keys(), activity,
                        stores.serviceIds(), stores.users(), access, ids, clock, database, audit),
                auditLog, refusals,
                // API key rules beside IBM's settings (decision 0033): credentials' keys are outside them
                new LongLivedKeys(stores.keys(), settings, access, resources::resourceKeyCrns),
                new InactiveKeySweep(database, stores.keys(), activity, settings,
                        new JdbcInactivityNoticeStore(database.jdbi()), resources::resourceKeyCrns, notifications,
                        clock, audit),
                externals, new UserSettingsService(database, stores.users(), access, audit));
    }
}
