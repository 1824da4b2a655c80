package dev.latchkey.app;

import dev.latchkey.adapters.token.SigningThreads;
import dev.latchkey.adapters.webhook.HttpWebhookSender;
import dev.latchkey.app.metrics.NodeMetrics;
import dev.latchkey.console.Console;
import dev.latchkey.console.ConsoleServices;
import dev.latchkey.core.apikey.CreatedApiKey;
import dev.latchkey.core.apikey.InactiveKeySweep;
import dev.latchkey.core.common.SecretBox;
import dev.latchkey.core.notification.ExpiryNotifier;
import dev.latchkey.core.notification.NotificationService;
import dev.latchkey.core.notification.OutboxDispatcher;
import dev.latchkey.core.token.SigningKeyRing;
import dev.latchkey.http.AccessTokenVerifier;
import dev.latchkey.http.ClientOrigin;
import dev.latchkey.http.HttpServer;
import dev.latchkey.http.RouteTable;
import dev.latchkey.store.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root of one node: opens the database, builds the {@link Stores}, the {@link Services} and the
 * {@link ApiRoutes} in plain code, makes the first account on an empty database ({@link Bootstrap}), starts the
 * HTTP server and the {@link BackgroundWork}, and stops them in reverse order.
 */
public final class Wiring implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Wiring.class);
    private static final String MANAGEMENT_PORT_FLAG = "--management-port";
    private final Database database;
    private final Services services;
    private final HttpServer http;
    /** Metrics and health on {@code --management-port}; null when there is none. */
    private final HttpServer management;
    private final NodeMetrics metrics;
    private final BackgroundWork background;
    private final Optional<CreatedApiKey> adminKey;
    private final RouteTable routes;
    private final Console console;
    private final String publicUrl;

    /** The notification parts a test may drive directly. */
    public record Notifications(NotificationService service, OutboxDispatcher dispatcher, ExpiryNotifier expiry,
                         HttpWebhookSender webhooks) {
    }

    private Wiring(Database database, Services services, HttpServer http, HttpServer management, NodeMetrics metrics,
                   BackgroundWork background, Optional<CreatedApiKey> adminKey, RouteTable routes, Console console,
                   String publicUrl) {
        this.database = database;
        this.services = services;
        this.http = http;
        this.management = management;
        this.metrics = metrics;
        this.background = background;
        this.adminKey = adminKey;
        this.routes = routes;
        this.console = console;
        this.publicUrl = publicUrl;
    }

    /**
     * Opens the database, composes the node and starts serving. A port another process holds is a
     * {@link HttpServer.PortUnavailable} and a database that does not answer a {@link Database.Unreachable}, each
     * with a one-sentence message; the port is tried before the database is opened (and again when it is bound).
     */
    public static Wiring start(ServerConfig config) throws IOException {
        return start(config, Clock.systemUTC());
    }

    /** {@link #start(ServerConfig)} on a clock of the caller's: tests move it by hand. */
    public static Wiring start(ServerConfig config, Clock clock) throws IOException {
        HttpServer.requireAvailable(config.host(), config.port());
        if (config.managementPort() != ServerConfig.NO_MANAGEMENT_PORT) {
            HttpServer.requireAvailable(config.host(), config.managementPort(), MANAGEMENT_PORT_FLAG);
        }
        Files.createDirectories(config.dataDir());
        MasterKey.SecureFiles.restrictToOwner(config.dataDir());
        byte[] masterKey = MasterKey.read(config.masterKey(), config.dataDir()); // an unusable one: refused here
        // The crypto provider (a native library and its self-test) loads on its own thread while the database opens
        // (decision record 0037); every SecureRandom is made after it has, so that it comes from that provider. On a
        // first start (no master key yet) that thread then makes the first signing key's pair, while the migrations
        // run; the key itself is made and stored as before, by the signing key ring.
        FutureTask<String> provider = new FutureTask<>(CryptoProvider::install);
        FutureTask<KeyPair> firstKeyPair = masterKey != null ? null
                : new FutureTask<>(() -> SigningKeyRing.newKeyPair(config.tokenAlgorithm()));
        Thread.ofPlatform().name("latchkey-crypto-init").daemon(true).start(() -> {
            provider.run();
            if (firstKeyPair != null) {
                firstKeyPair.run();
            }
        });
        Database database = config.dbUrl() == null
                ? Database.openEmbedded(config.dataDir(), config.dbUser(), config.dbPassword(), config.dbPoolSize())
                : Database.open(config.dbUrl(), config.dbUser(), config.dbPassword(), config.dbPoolSize());
        NodeMetrics metrics = null;
        try {
            awaitProvider(provider);
            SecureRandom random = new SecureRandom();
            SecretBox box = new SecretBox(masterKey != null ? masterKey
                    : MasterKey.load(config.masterKey(), config.dataDir(), random), random); // first start: made now
            metrics = config.managementPort() == ServerConfig.NO_MANAGEMENT_PORT ? NodeMetrics.off()
                    : NodeMetrics.prometheus();
            return wire(config, database, metrics, box, random, clock, firstKeyPair);
        } catch (RuntimeException | IOException e) {
            database.close();
            if (metrics != null) {
                metrics.close();
            }
            throw e;
        }
    }

    /** Waits for {@link CryptoProvider#install} on its thread; it reports its own failures and falls back to the JDK. */
    private static void awaitProvider(FutureTask<String> provider) {
        try {
            provider.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the crypto provider was loading", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("the crypto provider failed to load", e.getCause());
        }
    }

    private static Wiring wire(ServerConfig config, Database database, NodeMetrics metrics, SecretBox box,
                               SecureRandom random, Clock clock, Future<KeyPair> firstKeyPair) throws IOException {
        Stores stores = Stores.open(database, config.caches().withMonitor(metrics.caches()));
        PublicEndpoint endpoint = PublicEndpoint.of(config);
        Services services = Services.wire(config, database, stores, box, random, clock, endpoint, metrics,
                firstKeyPair);
        metrics.watch(database, stores.outbox());

        Optional<CreatedApiKey> adminKey = bootstrap(config, database, stores, services, clock);

        AccessTokenVerifier verifier = new AccessTokenVerifier(services.ring(), endpoint.issuer(), clock,
                services.tokens()::mayStillAct, services.externals());
        RouteTable routes = ApiRoutes.of(services, endpoint, verifier, config.githubKeysFile(), metrics.http());
        Console console = new Console(new ConsoleServices(services.sessions(), services.tokens(), services.accounts(),
                services.users(), services.apiKeys(), services.serviceIds(), services.policies(), services.settings(),
                services.leaks(), services.classicKeys(), services.resources(), services.passwords(),
                services.longLivedKeys(), services.auditLog(), services.accessGroups(), services.userSettings(),
                services.customRoles(), services.serviceIdGroups(), services.webhookEndpoints(),
                services.notifications()));
        ClientOrigin origin = ClientOrigin.trusting(config.edge().trustedProxies(),
                endpoint.configured() ? endpoint.url() : null);
        HttpServer http = new HttpServer(routes, verifier, new ServerHealth(database, services.ring()), List.of(console),
                origin, config.edge().tls(), metrics.http()).start(config.host(), endpoint.port());
        metrics.requestsInFlight(http::requestsInFlight);
        HttpServer management = null;
        if (metrics.enabled()) {
            try {
                management = http.management(metrics.exposition()).start(config.host(), config.managementPort(),
                        MANAGEMENT_PORT_FLAG);
            } catch (RuntimeException e) {
                http.close();
                throw e;
            }
        }
        BackgroundWork background = BackgroundWork.start(database, services, stores, config.notifications(),
                config.activityFlushInterval(), config.signingKeyRotation(), config.auditRetention(), clock);
        LOG.info("Latchkey listening on {}{} (database: {}, signing: {} {})", endpoint.url(),
                origin.trustsProxies() ? ", believing forwarding headers from " + config.edge().trustedProxies() : "",
                database.isPostgres() ? "PostgreSQL" : "H2 in " + config.dataDir().toAbsolutePath(),
                config.tokenAlgorithm(), CryptoProvider.install());
        if (management != null) {
            LOG.info("metrics and health on http://{}:{}/metrics ({}; keep it off the public network)", config.host(),
                    management.port(), MANAGEMENT_PORT_FLAG);
        }
        return new Wiring(database, services, http, management, metrics, background, adminKey, routes, console,
                endpoint.url());
    }

    /**
     * First start on an empty database: the account, admin and admin key, with the key's file written inside the
     * transaction when one is named (a file already there is {@link AdminKeyFile.Exists}, and nothing is made).
     * With a supplied value and no named file, no file is written: the operator has the key already.
     */
    private static Optional<CreatedApiKey> bootstrap(ServerConfig config, Database database, Stores stores,
                                                     Services services, Clock clock) throws IOException {
        AdminKeyBootstrap handover = config.bootstrap();
        Path named = handover.file();
        Optional<CreatedApiKey> adminKey;
        try {
            adminKey = new Bootstrap(database, stores.accounts(), stores.users(), stores.policies(),
                    services.apiKeys(), services.ids(), clock).initializeIfEmpty(config.adminEmail(), handover.value(),
                    created -> {
                        if (named != null) {
                            try {
                                AdminKeyFile.writeNew(named, created);
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        }
                    });
        } catch (RuntimeException e) {
            if (named != null && !(e instanceof AdminKeyFile.Exists)) {
                Files.deleteIfExists(named); // perhaps written, but nothing was committed: that key does not exist
            }
            if (e instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw e;
        }
        if (adminKey.isPresent() && named == null && handover.value() == null) {
            AdminKeyFile.write(config.dataDir(), adminKey.get());
        } else if (adminKey.isEmpty() && handover.configured()) {
            LOG.info("The database is already initialised: LATCHKEY_BOOTSTRAP_ADMIN_APIKEY_FILE and "
                    + "LATCHKEY_BOOTSTRAP_ADMIN_APIKEY only apply to the first start, and are ignored");
        }
        return adminKey;
    }

    /** The admin key made on first start; empty on every later start. */
    public Optional<CreatedApiKey> adminKey() {
        return adminKey;
    }

    public int port() {
        return http.port();
    }

    /** The management port (metrics and health), or {@link ServerConfig#NO_MANAGEMENT_PORT} when there is none. */
    public int managementPort() {
        return management == null ? ServerConfig.NO_MANAGEMENT_PORT : management.port();
    }

    public String publicUrl() {
        return publicUrl;
    }

    /** The console's pages: "METHOD path ACCESS" each. */
    public List<String> consolePages() {
        return console.pages();
    }

    public List<dev.latchkey.http.Route> routes() {
        return routes.routes();
    }

    /** The database, for tests that arrange state the API cannot make yet. */
    public Database database() {
        return database;
    }

    /** The notification service, dispatcher and expiry job, for tests that drive them directly. */
    public Notifications notifications() {
        return new Notifications(services.notifications(), services.dispatcher(), services.expiry(), services.webhooks());
    }

    /** The inactivity sweep ({@code apikey_disable_after_inactive_days}), for tests that run it directly. */
    public InactiveKeySweep inactiveKeys() {
        return services.inactiveKeys();
    }

    /** The signing keys, for tests that forge or expire tokens. */
    public SigningKeyRing signingKeys() {
        return services.ring();
    }

    /**
     * Looks after the signing keys now (also done every minute): reloads them, rotates them when
     * {@code --signing-key-rotation-days} have passed, records retirements.
     */
    public void maintainSigningKeys() {
        background.maintainSigningKeys();
    }

    /** Writes pending key activity now (also done on a schedule and at shutdown). */
    public void flushActivity() {
        services.activity().flush();
    }

    /** Deletes key usage that is no longer kept at {@code now}, as the hourly task does; returns the rows deleted. */
    public int pruneKeyUsage(java.time.Instant now) {
        return services.activity().pruneUsage(now);
    }

    /**
     * The graceful stop of SIGTERM (decision record 0022): readiness turns 503 and new connections are refused at
     * once, the requests in flight get up to {@code drainLimit} to finish, then the key activity they recorded is
     * written, the outbox stops, and the pool is closed. Each step is logged; the caller stops the logging last.
     */
    public void shutdown(Duration drainLimit) {
        LOG.info("shutting down: readiness answers 503, new connections are refused, requests in flight get up to {} s",
                drainLimit.toSeconds());
        HttpServer.Drained drained = http.drain(drainLimit);
        if (drained.cutOff() > 0) {
            LOG.warn("{} request(s) still running after {} s were cut off (--shutdown-timeout)", drained.cutOff(),
                    drainLimit.toSeconds());
        } else {
            LOG.info("requests drained in {} ms ({} in flight when the shutdown began); HTTP server stopped",
                    drained.took().toMillis(), drained.inFlightAtStart());
        }
        stopAfterHttp();
        LOG.info("key activity written, background work stopped, database pool closed; Latchkey stopped");
    }

    /** Stops at once, cutting off requests in flight (tests; {@link #shutdown} is the graceful stop). */
    @Override
    public void close() {
        http.close();
        stopAfterHttp();
    }

    /** The management port stops after the main port's drain, so that it is scraped and probed during it. */
    private void stopAfterHttp() {
        if (management != null) {
            management.close();
        }
        if (services.signer() instanceof SigningThreads threads) {
            threads.close();
        }
        background.close(); // writes the key activity the last requests recorded
        services.webhooks().close();
        database.close();
        metrics.close();
    }
}
