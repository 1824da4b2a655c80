package dev.latchkey.app;

import dev.latchkey.app.notification.NotificationConfig;
import dev.latchkey.store.CacheTiming;
import dev.latchkey.store.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Everything the server needs to start, already resolved from flags and {@code LATCHKEY_*} variables.
 *
 * @param dbUrl        null for the embedded H2 database in {@code dataDir}
 * @param dbPoolSize   the most connections the node's pool opens ({@code --db-pool-size});
 *                     {@link Database#AUTO_POOL_SIZE} takes {@link Database#defaultPoolSize}
 * @param publicUrl    the URL clients reach this server at; null derives {@code http://host:port}
 * @param masterKey    base64 of 32 bytes, or null to use (or create) {@code dataDir/master.key}
 * @param notifications SMTP, outbox polling and retries, expiry warnings
 * @param githubKeysFile GitHub's secret-scanning public keys (its meta API's JSON), or null: GitHub reports refused
 * @param edge         trusted proxies and TLS ({@link EdgeConfig#DIRECT}: none, plain HTTP)
 * @param bootstrap    where first start writes the admin key, and its value if supplied
 *                     ({@link AdminKeyBootstrap#DEFAULT}: {@code dataDir/admin-apikey.txt}, generated)
 * @param managementPort the port of metrics and health ({@code --management-port}); {@link #NO_MANAGEMENT_PORT}
 *                     serves none, 0 any free port
 * @param signingKeyRotation how old the signing key may get before a new one is made
 *                     ({@code --signing-key-rotation-days}); {@link Duration#ZERO}: only on request
 * @param auditRetention how long audit events are kept ({@code --audit-retention-days}); the oldest are deleted
 */
public record ServerConfig(String host, int port, Path dataDir, String dbUrl, String dbUser, String dbPassword,
                           int dbPoolSize, String publicUrl, String masterKey, String keyPrefix, String tokenAlgorithm,
                           String adminEmail, CacheTiming caches, Duration activityFlushInterval,
                           NotificationConfig notifications, Path githubKeysFile, int signingThreads,
                           EdgeConfig edge, AdminKeyBootstrap bootstrap, int managementPort,
                           Duration signingKeyRotation, Duration auditRetention) {

    /** {@code --cache-ttl 5}, {@code --cache-stale-max 300}, 100,000 entries per cache. */
    public static final CacheTiming DEFAULT_CACHES = new CacheTiming(Duration.ofSeconds(5), Duration.ofMinutes(5), 100_000);

    /**
     * {@code --signing-threads auto}: one platform thread per core signs access tokens. Signing on the request's
     * virtual thread gives about a fifth more tokens per second at saturation but a p99 of over 100 ms, because an
     * RS256 signature never yields its carrier (decision record 0036).
     */
    public static final int DEFAULT_SIGNING_THREADS = Math.min(256, Runtime.getRuntime().availableProcessors());

    /** {@code --audit-retention-days 400}: a year and a month, so a yearly review finds last year's events. */
    public static final Duration DEFAULT_AUDIT_RETENTION = Duration.ofDays(400);

    /** {@code --management-port 0} on the command line: no management port. */
    public static final int NO_MANAGEMENT_PORT = -1;

    /** The embedded database in {@code dataDir}, no management port and no scheduled signing-key rotation. */
    public static ServerConfig defaults(Path dataDir) {
        return new ServerConfig("127.0.0.1", 8080, dataDir, null, null, null, Database.AUTO_POOL_SIZE, null, null,
                "lk", "RS256", "admin@latchkey.local", DEFAULT_CACHES, Duration.ofSeconds(2),
                NotificationConfig.defaults(), null, DEFAULT_SIGNING_THREADS, EdgeConfig.DIRECT,
                AdminKeyBootstrap.DEFAULT, NO_MANAGEMENT_PORT, Duration.ZERO, DEFAULT_AUDIT_RETENTION);
    }

    public ServerConfig withPort(int newPort) {
        return with(b -> b.port = newPort);
    }

    public ServerConfig withDatabase(String url, String user, String password) {
        return with(b -> {
            b.dbUrl = url;
            b.dbUser = user;
            b.dbPassword = password;
        });
    }

    /** The pool's size ({@code --db-pool-size}); {@link Database#AUTO_POOL_SIZE}: the database's default. */
    public ServerConfig withDbPoolSize(int value) {
        return with(b -> b.dbPoolSize = value);
    }

    public ServerConfig withTokenAlgorithm(String algorithm) {
        return with(b -> b.tokenAlgorithm = algorithm);
    }

    public ServerConfig withNotifications(NotificationConfig value) {
        return with(b -> b.notifications = value);
    }

    /** Nodes of one database share the master key (base64 of 32 bytes) and the public URL (the token issuer). */
    public ServerConfig withSharedIdentity(String newMasterKey, String newPublicUrl) {
        return with(b -> {
            b.masterKey = newMasterKey;
            b.publicUrl = newPublicUrl;
        });
    }

    public ServerConfig withCaches(CacheTiming timing) {
        return with(b -> b.caches = timing);
    }

    public ServerConfig withGithubKeysFile(Path file) {
        return with(b -> b.githubKeysFile = file);
    }

    /** 0: tokens are signed on the request's virtual thread; N: on N platform threads ({@code SigningThreads}). */
    public ServerConfig withSigningThreads(int threads) {
        return with(b -> b.signingThreads = threads);
    }

    /** Trusted proxies and TLS ({@code --trusted-proxies}, {@code --tls-cert-file}, {@code --tls-key-file}). */
    public ServerConfig withEdge(EdgeConfig value) {
        return with(b -> b.edge = value);
    }

    /** The management port (metrics and health): {@link #NO_MANAGEMENT_PORT} for none, 0 for any free port. */
    public ServerConfig withManagementPort(int value) {
        return with(b -> b.managementPort = value);
    }

    /** How old the signing key may get before the node makes a new one; {@link Duration#ZERO}: never on its own. */
    public ServerConfig withSigningKeyRotation(Duration value) {
        return with(b -> b.signingKeyRotation = value);
    }

    /** How long audit events are kept before the oldest are deleted. */
    public ServerConfig withAuditRetention(Duration value) {
        return with(b -> b.auditRetention = value);
    }

    /** This configuration with {@code change} applied to a copy of its components: each wither names only its own. */
    private ServerConfig with(Consumer<Copy> change) {
        Copy copy = new Copy(this);
        change.accept(copy);
        return copy.build();
    }

    /** The components as fields, so that a wither sets the ones it changes and {@link #build} passes on the rest. */
    private static final class Copy {
        String host;
        int port;
        Path dataDir;
        String dbUrl;
        String dbUser;
        String dbPassword;
        int dbPoolSize;
        String publicUrl;
        String masterKey;
        String keyPrefix;
        String tokenAlgorithm;
        String adminEmail;
        CacheTiming caches;
        Duration activityFlushInterval;
        NotificationConfig notifications;
        Path githubKeysFile;
        int signingThreads;
        EdgeConfig edge;
        AdminKeyBootstrap bootstrap;
        int managementPort;
        Duration signingKeyRotation;
        Duration auditRetention;

        Copy(ServerConfig c) {
            host = c.host;
            port = c.port;
            dataDir = c.dataDir;
            dbUrl = c.dbUrl;
            dbUser = c.dbUser;
            dbPassword = c.dbPassword;
            dbPoolSize = c.dbPoolSize;
            publicUrl = c.publicUrl;
            masterKey = c.masterKey;
            keyPrefix = c.keyPrefix;
            tokenAlgorithm = c.tokenAlgorithm;
            adminEmail = c.adminEmail;
            caches = c.caches;
            activityFlushInterval = c.activityFlushInterval;
            notifications = c.notifications;
            githubKeysFile = c.githubKeysFile;
            signingThreads = c.signingThreads;
            edge = c.edge;
            bootstrap = c.bootstrap;
            managementPort = c.managementPort;
            signingKeyRotation = c.signingKeyRotation;
            auditRetention = c.auditRetention;
        }

        ServerConfig build() {
            return new ServerConfig(host, port, dataDir, dbUrl, dbUser, dbPassword, dbPoolSize, publicUrl, masterKey,
                    keyPrefix, tokenAlgorithm, adminEmail, caches, activityFlushInterval, notifications,
                    githubKeysFile, signingThreads, edge, bootstrap, managementPort, signingKeyRotation,
                    auditRetention);
        }
    }
}
