package dev.latchkey.app;

import dev.latchkey.app.notification.HttpWebhookSender;
import dev.latchkey.app.notification.NotificationConfig;
import dev.latchkey.app.notification.SmtpMailSender;
import dev.latchkey.core.access.AccessDecider;
import dev.latchkey.core.access.PolicyService;
import dev.latchkey.core.apikey.ActivityRecorder;
import dev.latchkey.core.apikey.ApiKeyService;
import dev.latchkey.core.apikey.CreatedApiKey;
import dev.latchkey.core.classic.ClassicKeyService;
import dev.latchkey.core.common.IamIds;
import dev.latchkey.core.common.Ids;
import dev.latchkey.core.common.KeyFormat;
import dev.latchkey.core.common.SecretBox;
import dev.latchkey.core.identity.AccountService;
import dev.latchkey.core.identity.PasswordThrottle;
import dev.latchkey.core.identity.UserService;
import dev.latchkey.core.leak.LeakService;
import dev.latchkey.core.notification.ExpiryNotifier;
import dev.latchkey.core.notification.MailSender;
import dev.latchkey.core.notification.MessageRenderer;
import dev.latchkey.core.notification.NotificationService;
import dev.latchkey.core.notification.OutboxDispatcher;
import dev.latchkey.core.notification.OutboxMessage;
import dev.latchkey.core.notification.WebhookEndpointService;
import dev.latchkey.core.notification.WebhookTargets;
import dev.latchkey.core.resource.ResourceService;
import dev.latchkey.core.serviceid.ServiceIdCreationPolicy;
import dev.latchkey.core.serviceid.ServiceIdService;
import dev.latchkey.core.settings.AccountSettingsService;
import dev.latchkey.core.token.SigningKeyRing;
import dev.latchkey.core.token.TokenService;
import dev.latchkey.core.token.TokenSigner;
import dev.latchkey.http.AccessTokenVerifier;
import dev.latchkey.http.Health;
import dev.latchkey.http.HttpServer;
import dev.latchkey.http.Paging;
import dev.latchkey.http.RouteTable;
import dev.latchkey.http.access.AuthzRoutes;
import dev.latchkey.http.access.PolicyRoutes;
import dev.latchkey.http.access.RoleRoutes;
import dev.latchkey.http.account.AccountRoutes;
import dev.latchkey.http.apikey.ApiKeyRoutes;
import dev.latchkey.http.classic.ClassicKeyRoutes;
import dev.latchkey.http.identity.UserRoutes;
import dev.latchkey.http.leak.GithubSignatures;
import dev.latchkey.http.leak.LeakRoutes;
import dev.latchkey.http.notification.NotificationRoutes;
import dev.latchkey.http.resource.ResourceRoutes;
import dev.latchkey.http.serviceid.ServiceIdRoutes;
import dev.latchkey.http.settings.SettingsRoutes;
import dev.latchkey.http.token.JcaTokenSigner;
import dev.latchkey.http.token.SigningThreads;
import dev.latchkey.http.token.TokenRoutes;
import dev.latchkey.store.Database;
import dev.latchkey.store.access.JdbcPolicyStore;
import dev.latchkey.store.account.JdbcAccountStore;
import dev.latchkey.store.apikey.CachingApiKeyStore;
import dev.latchkey.store.apikey.JdbcApiKeyStore;
import dev.latchkey.store.classic.JdbcClassicKeyStore;
import dev.latchkey.store.identity.CachingUserStore;
import dev.latchkey.store.identity.JdbcUserStore;
import dev.latchkey.store.leak.JdbcLeakStore;
import dev.latchkey.store.notification.JdbcExpiryNoticeStore;
import dev.latchkey.store.notification.JdbcOutboxStore;
import dev.latchkey.store.notification.JdbcWebhookEndpointStore;
import dev.latchkey.store.resource.JdbcResourceStore;
import dev.latchkey.store.serviceid.CachingServiceIdStore;
import dev.latchkey.store.serviceid.JdbcServiceIdStore;
import dev.latchkey.store.settings.CachingAccountSettingsStore;
import dev.latchkey.store.settings.JdbcAccountSettingsStore;
import dev.latchkey.store.token.JdbcSigningKeyStore;
import java.io.IOException;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: builds every store, service and route from a {@link ServerConfig} in plain code, starts
 * the HTTP server and the background work (activity flush, outbox delivery and pruning, expiry warnings), and
 * stops them in reverse order.
 */
public final class Wiring implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Wiring.class);
    private final Database database;
    private final HttpServer http;
    private final ActivityRecorder activity;
    private final ScheduledExecutorService scheduler;
    private final Optional<CreatedApiKey> adminKey;
    private final RouteTable routes;
    private final String publicUrl;
    private final SigningKeyRing ring;
    private final Notifications notifications;
    private final TokenSigner signer;

    /** The notification parts a test may drive directly. */
    record Notifications(NotificationService service, OutboxDispatcher dispatcher, ExpiryNotifier expiry,
                         HttpWebhookSender webhooks) {
    }

    private Wiring(Database database, HttpServer http, ActivityRecorder activity, ScheduledExecutorService scheduler,
                   Optional<CreatedApiKey> adminKey, RouteTable routes, String publicUrl, SigningKeyRing ring,
                   Notifications notifications, TokenSigner signer) {
        this.database = database;
        this.http = http;
        this.activity = activity;
        this.scheduler = scheduler;
        this.adminKey = adminKey;
        this.routes = routes;
        this.publicUrl = publicUrl;
        this.ring = ring;
        this.notifications = notifications;
        this.signer = signer;
    }

    public static Wiring start(ServerConfig config) throws IOException {
        CryptoProvider.install();
        Files.createDirectories(config.dataDir());
        MasterKey.SecureFiles.restrictToOwner(config.dataDir());
        SecureRandom random = new SecureRandom();
        Clock clock = Clock.systemUTC();
        SecretBox box = new SecretBox(MasterKey.load(config.masterKey(), config.dataDir(), random), random);
        String url = config.dbUrl() != null ? config.dbUrl() : Database.h2Url(config.dataDir());
        Database database = Database.open(url, config.dbUser(), config.dbPassword(), 16);
        try {
            return wire(config, database, box, random, clock);
        } catch (RuntimeException | IOException e) {
            database.close();
            throw e;
        }
    }

    private static Wiring wire(ServerConfig config, Database database, SecretBox box, SecureRandom random,
                               Clock clock) throws IOException {
        var accounts = new JdbcAccountStore(database.jdbi());
        var users = new CachingUserStore(new JdbcUserStore(database.jdbi(), database.changes()), database.changes(),
                config.caches());
        var policies = new JdbcPolicyStore(database.jdbi());
        var keys = new CachingApiKeyStore(new JdbcApiKeyStore(database.jdbi(), database.changes()), database.changes(),
                config.caches());
        var settingsStore = new CachingAccountSettingsStore(new JdbcAccountSettingsStore(database.jdbi(),
                database.changes()), database.changes(), config.caches());
        var serviceIdStore = new CachingServiceIdStore(new JdbcServiceIdStore(database.jdbi(), database.changes()),
                database.changes(), config.caches());
        database.changes().start(); // after every cache has subscribed
        var ring = new SigningKeyRing(new JdbcSigningKeyStore(database.jdbi()), box, clock, config.tokenAlgorithm());
        ring.load();

        Ids ids = new Ids(random);
        KeyFormat format = new KeyFormat(config.keyPrefix());
        AccessDecider access = new AccessDecider(policies, accounts);
        ActivityRecorder activity = new ActivityRecorder(keys);

        int port = config.port();
        if (port == 0) {
            port = freePort();
        }
        String publicUrl = config.publicUrl() != null ? stripSlash(config.publicUrl())
                : "http://" + (config.host().equals("0.0.0.0") ? "127.0.0.1" : config.host()) + ":" + port;
        String issuer = publicUrl + "/identity";

        NotificationConfig notify = config.notifications();
        var outbox = new JdbcOutboxStore(database.jdbi());
        var endpointStore = new JdbcWebhookEndpointStore(database.jdbi());
        NotificationService notifications = new NotificationService(database, outbox, endpointStore, users, accounts,
                policies, access, new MessageRenderer(publicUrl), ids, clock);
        WebhookTargets webhookTargets = config.notifications().webhookTargets();
        WebhookEndpointService endpoints = new WebhookEndpointService(endpointStore, access, box, ids, random, clock,
                webhookTargets);
        HttpWebhookSender webhooks = new HttpWebhookSender(webhookTargets);
        MailSender mail = notify.smtp() == null ? MailSender.UNCONFIGURED : new SmtpMailSender(notify.smtp());
        OutboxDispatcher dispatcher = new OutboxDispatcher(outbox, mail, webhooks, endpoints::signingSecret,
                notify.delivery(), ids, clock);
        ExpiryNotifier expiry = new ExpiryNotifier(database, new JdbcExpiryNoticeStore(database.jdbi()), notifications,
                clock);
        AccountSettingsService settings = new AccountSettingsService(settingsStore, users, access, clock);
        ApiKeyService apiKeys = new ApiKeyService(keys, users, serviceIdStore, access, settings, activity, format, ids,
                random, box, clock, database, notifications);
        ServiceIdService serviceIds = new ServiceIdService(database, serviceIdStore, apiKeys, policies, users,
                access, ServiceIdCreationPolicy.bySettings(settings, access), ids, clock);
        ResourceService resources = new ResourceService(database, new JdbcResourceStore(database.jdbi()),
                serviceIdStore, apiKeys, keys, policies, access, ids, clock);
        PolicyService policyService = new PolicyService(policies, (accountId, iamId) -> IamIds.isServiceId(iamId)
                ? serviceIdStore.find(IamIds.serviceIdOf(iamId)).filter(s -> s.accountId().equals(accountId)).isPresent()
                : users.membership(accountId, iamId).isPresent(), access, ids, clock);
        UserService userService = new UserService(database, users, accounts, apiKeys::deleteAllOf, policies, policyService, access,
                new Argon2PasswordHasher(random), ids, random, clock);
        AccountService accountService = new AccountService(database, accounts, users, ids, clock);
        TokenSigner signer = config.signingThreads() == 0 ? new JcaTokenSigner(ring)
                : new SigningThreads(new JcaTokenSigner(ring), config.signingThreads());
        TokenService tokens = new TokenService(keys, users, serviceIdStore, userService::authenticate,
                new PasswordThrottle(clock, 100_000), settings, activity, signer, format, ids, clock, issuer);

        Optional<CreatedApiKey> adminKey = new Bootstrap(database, accounts, users, policies, apiKeys, ids, clock)
                .initializeIfEmpty(config.adminEmail());
        if (adminKey.isPresent()) {
            AdminKeyFile.write(config.dataDir(), adminKey.get());
        }

        AccessTokenVerifier verifier = new AccessTokenVerifier(ring, issuer, clock, tokens::mayStillAct);
        RouteTable routes = new RouteTable();
        new TokenRoutes(tokens, ring, issuer, publicUrl).register(routes);
        Paging paging = new Paging(config.publicUrl() == null ? null : publicUrl);
        new ApiKeyRoutes(apiKeys, paging, resources::resourceKeyCrns).register(routes);
        new UserRoutes(userService, paging, verifier).register(routes);
        new AccountRoutes(accountService).register(routes);
        new SettingsRoutes(settings).register(routes);
        new ServiceIdRoutes(serviceIds, paging).register(routes);
        new PolicyRoutes(policyService, publicUrl).register(routes);
        new RoleRoutes().register(routes);
        new AuthzRoutes(access, verifier).register(routes);
        new NotificationRoutes(endpoints, notifications, paging).register(routes);
        LeakService leaks = new LeakService(database, new JdbcLeakStore(database.jdbi()), keys, activity, notifications,
                access, format, ids, clock);
        new LeakRoutes(leaks, config.githubKeysFile() == null ? GithubSignatures.none()
                : GithubSignatures.fromFile(config.githubKeysFile()), paging).register(routes);
        ClassicKeyService classic = new ClassicKeyService(new JdbcClassicKeyStore(database.jdbi()), users, box, ids,
                random, clock);
        new ClassicKeyRoutes(classic, (key, address) -> tokens.identify(key, address).map(a -> new ClassicKeyRoutes.Identity(a.iamId(),
                a.username(), a.accountId(), "platform_api_key"))).register(routes);
        new ResourceRoutes(resources).register(routes);
        HttpServer http = new HttpServer(routes, verifier, health(database, ring)).start(config.host(), port);

        ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "latchkey-background");
            t.setDaemon(true);
            return t;
        });
        scheduler.scheduleWithFixedDelay(retried("checking the database", database::checkReachable), 500, 500,
                TimeUnit.MILLISECONDS);
        long interval = config.activityFlushInterval().toMillis();
        scheduler.scheduleWithFixedDelay(flushing(activity), interval, interval, TimeUnit.MILLISECONDS);
        if (notify.expiryCheckInterval() != null) {
            scheduler.scheduleWithFixedDelay(retried("looking for expiring keys", expiry::runOnce), 0,
                    notify.expiryCheckInterval().toMillis(), TimeUnit.MILLISECONDS);
        }
        scheduler.scheduleWithFixedDelay(retried("deleting finished notifications", () -> {
            int deleted = dispatcher.pruneFinished(notify.retention());
            if (deleted > 0) {
                LOG.info("deleted {} notification(s) finished more than {} days ago", deleted,
                        notify.retention().toDays());
            }
        }), 1, 60, TimeUnit.MINUTES);
        if (notify.smtp() == null) {
            LOG.info("no SMTP server configured (--smtp-host): notification mail waits in the outbox until one is");
        } else {
            int released = outbox.releaseDeferred(OutboxMessage.Channel.EMAIL, clock.instant());
            if (released > 0) {
                LOG.info("{} notification e-mail(s) that waited for an SMTP server are due now", released);
            }
        }
        if (notify.pollInterval() != null) {
            dispatcher.start(notify.pollInterval());
        }
        LOG.info("Latchkey listening on {} (database: {}, signing: {} {})", publicUrl,
                database.isPostgres() ? "PostgreSQL" : "H2 in " + config.dataDir().toAbsolutePath(),
                config.tokenAlgorithm(), CryptoProvider.install());
        return new Wiring(database, http, activity, scheduler, adminKey, routes, publicUrl, ring,
                new Notifications(notifications, dispatcher, expiry, webhooks), signer);
    }

    /**
     * Readiness: the database answered its last check (every half second), the schema is migrated (the server
     * does not start before), a signing key is loaded. An outage is a failure the database reports as one.
     */
    private static Health health(Database database, SigningKeyRing ring) {
        return new Health() {
            @Override
            public Map<String, Boolean> checks() {
                Map<String, Boolean> checks = new LinkedHashMap<>();
                checks.put("database", database.isReachable());
                checks.put("migrations", true);
                checks.put("signing_key", ring.hasActiveKey());
                return checks;
            }

            @Override
            public boolean isOutage(Throwable failure) {
                return Database.isUnavailable(failure);
            }
        };
    }

    /** A background task whose failure is logged, not thrown: the scheduler would stop running it. */
    private static Runnable retried(String what, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.warn("{} failed; will retry: {}", what, e.toString());
            }
        };
    }

    private static Runnable flushing(ActivityRecorder activity) {
        return retried("writing key activity", activity::flush);
    }

    private static int freePort() throws IOException {
        try (var socket = new java.net.ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The admin key made on first start; empty on every later start. */
    public Optional<CreatedApiKey> adminKey() {
        return adminKey;
    }

    public int port() {
        return http.port();
    }

    public String publicUrl() {
        return publicUrl;
    }

    public List<dev.latchkey.http.Route> routes() {
        return routes.routes();
    }

    /** The database, for tests that arrange state the API cannot make yet. */
    Database database() {
        return database;
    }

    /** The notification service, dispatcher and expiry job, for tests that drive them directly. */
    Notifications notifications() {
        return notifications;
    }

    /** The signing keys, for tests that forge or expire tokens. */
    SigningKeyRing signingKeys() {
        return ring;
    }

    /** Writes pending key activity now (also done on a schedule and at shutdown). */
    public void flushActivity() {
        activity.flush();
    }

    @Override
    public void close() {
        http.close();
        if (signer instanceof SigningThreads threads) {
            threads.close();
        }
        notifications.dispatcher().close();
        scheduler.shutdownNow();
        flushing(activity).run(); // what the last scheduled flush left
        notifications.webhooks().close();
        database.close();
    }
}
