package dev.latchkey.app;

import dev.latchkey.adapters.mail.SmtpConfig;
import dev.latchkey.app.logging.LogFormat;
import dev.latchkey.app.logging.Logging;
import dev.latchkey.app.notification.NotificationConfig;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.KeyFormat;
import dev.latchkey.core.common.Secret;
import dev.latchkey.core.common.SecretBox;
import dev.latchkey.core.notification.DeliveryPolicy;
import dev.latchkey.core.notification.WebhookTargets;
import dev.latchkey.http.ClientOrigin;
import dev.latchkey.http.TlsCertificate;
import dev.latchkey.http.HttpServer;
import dev.latchkey.store.CacheTiming;
import dev.latchkey.store.Database;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code latchkey serve}: runs the server until interrupted. Every flag has a {@code LATCHKEY_*} variable. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Start the Latchkey server (embedded H2 in the data directory unless --db-url is given).")
final class ServeCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Spec
    CommandSpec spec;

    @Option(names = "--port", defaultValue = "${env:LATCHKEY_PORT:-8080}", description = "HTTP port (LATCHKEY_PORT, default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "${env:LATCHKEY_HOST:-127.0.0.1}", description = "Address to listen on (LATCHKEY_HOST, default ${DEFAULT-VALUE}).")
    String host;

    @Mixin
    DatabaseOptions database;

    @Option(names = "--db-pool-size", defaultValue = "${env:LATCHKEY_DB_POOL_SIZE:-auto}", description = "Most database connections this node opens: auto (the default: on PostgreSQL four per core of this machine, from 8 to 16; 16 on the embedded database) or a number up to 1000 (LATCHKEY_DB_POOL_SIZE). Size it to what the database's cores can run at once, summed over all nodes (decision record 0049).")
    String dbPoolSize;

    @Option(names = "--public-url", defaultValue = "${env:LATCHKEY_PUBLIC_URL}", description = "URL clients use to reach this server; token issuer and paging links derive from it (LATCHKEY_PUBLIC_URL, default http://HOST:PORT, https:// with --tls-cert-file).")
    String publicUrl;

    @Option(names = "--key-prefix", defaultValue = "${env:LATCHKEY_KEY_PREFIX:-lk}", description = "Prefix of generated API keys (LATCHKEY_KEY_PREFIX, default ${DEFAULT-VALUE}).")
    String keyPrefix;

    @Option(names = "--token-alg", defaultValue = "${env:LATCHKEY_TOKEN_ALG:-RS256}", description = "Access-token signature: RS256 or ES256 (LATCHKEY_TOKEN_ALG, default ${DEFAULT-VALUE}).")
    String tokenAlgorithm;

    @Option(names = "--admin-email", defaultValue = "${env:LATCHKEY_ADMIN_EMAIL:-admin@latchkey.local}", description = "E-mail of the admin user made on first start (LATCHKEY_ADMIN_EMAIL, default ${DEFAULT-VALUE}).")
    String adminEmail;

    @Option(names = "--cache-ttl", defaultValue = "${env:LATCHKEY_CACHE_TTL_SECONDS:-5}", description = "Seconds a key lookup may be served from memory before it is re-read while the change feed cannot vouch for it (its connection down or silent); bounds how long a change made on another node takes to apply here then (LATCHKEY_CACHE_TTL_SECONDS, default ${DEFAULT-VALUE}).")
    int cacheTtlSeconds;

    @Option(names = "--cache-stale-max", defaultValue = "${env:LATCHKEY_CACHE_STALE_MAX_SECONDS:-300}", description = "Seconds the token path may keep answering from what it has in memory while the database cannot be reached: token exchange and key details for keys already cached (LATCHKEY_CACHE_STALE_MAX_SECONDS, default ${DEFAULT-VALUE}).")
    int cacheStaleMaxSeconds;

    @Option(names = "--cache-max-entries", defaultValue = "${env:LATCHKEY_CACHE_MAX_ENTRIES:-100000}", description = "Most entries each of the token path's caches (API keys, users, memberships, service IDs, account settings) keeps, about 1 KB each for API keys (LATCHKEY_CACHE_MAX_ENTRIES, default ${DEFAULT-VALUE}).")
    long cacheMaxEntries;

    @Option(names = "--smtp-host", defaultValue = "${env:LATCHKEY_SMTP_HOST}", description = "SMTP server for notification mail (LATCHKEY_SMTP_HOST); without one, mail waits in the outbox until one is configured.")
    String smtpHost;

    @Option(names = "--smtp-port", defaultValue = "${env:LATCHKEY_SMTP_PORT:-587}", description = "SMTP port; 465 means SMTPS (LATCHKEY_SMTP_PORT, default ${DEFAULT-VALUE}).")
    int smtpPort;

    @Option(names = "--smtp-from", defaultValue = "${env:LATCHKEY_SMTP_FROM:-" + SmtpConfig.DEFAULT_FROM + "}", description = "Sender address of notification mail (LATCHKEY_SMTP_FROM, default ${DEFAULT-VALUE}).")
    String smtpFrom;

    @Option(names = "--smtp-user", defaultValue = "${env:LATCHKEY_SMTP_USER}", description = "SMTP login (LATCHKEY_SMTP_USER); none by default.")
    String smtpUser;

    @Option(names = "--smtp-password", defaultValue = "${env:LATCHKEY_SMTP_PASSWORD}", description = "SMTP password (LATCHKEY_SMTP_PASSWORD; prefer the variable).")
    String smtpPassword;

    @Option(names = "--smtp-starttls", arity = "1", defaultValue = "${env:LATCHKEY_SMTP_STARTTLS:-true}", description = "Require STARTTLS (LATCHKEY_SMTP_STARTTLS, default ${DEFAULT-VALUE}); false only for a relay on a trusted network.")
    boolean smtpStarttls;

    @Option(names = "--notification-attempts", defaultValue = "${env:LATCHKEY_NOTIFICATION_ATTEMPTS:-8}", description = "Delivery attempts per notification before it is given up as failed (LATCHKEY_NOTIFICATION_ATTEMPTS, default ${DEFAULT-VALUE}).")
    int notificationAttempts;

    @Option(names = "--notification-backoff", defaultValue = "${env:LATCHKEY_NOTIFICATION_BACKOFF_SECONDS:-2}", description = "Seconds before the first retry; each further retry waits twice as long (LATCHKEY_NOTIFICATION_BACKOFF_SECONDS, default ${DEFAULT-VALUE}).")
    int notificationBackoffSeconds;

    @Option(names = "--notification-backoff-cap", defaultValue = "${env:LATCHKEY_NOTIFICATION_BACKOFF_CAP_SECONDS:-600}", description = "Longest wait between retries in seconds; also how often mail is retried while no SMTP server is configured (LATCHKEY_NOTIFICATION_BACKOFF_CAP_SECONDS, default ${DEFAULT-VALUE}).")
    int notificationBackoffCapSeconds;

    @Option(names = "--signing-threads", defaultValue = "${env:LATCHKEY_SIGNING_THREADS:-auto}", description = "Platform threads that sign access tokens: auto (one per core, the default), a number up to 256, or 0 to sign on the request's own virtual thread (LATCHKEY_SIGNING_THREADS). 0 gives the most tokens per second at saturation but a tail of hundreds of milliseconds (decision record 0036).")
    String signingThreads;

    @Option(names = "--notification-retention", defaultValue = "${env:LATCHKEY_NOTIFICATION_RETENTION_DAYS:-90}", description = "Days a delivered or given-up notification is kept in the outbox before it is deleted (LATCHKEY_NOTIFICATION_RETENTION_DAYS, default ${DEFAULT-VALUE}).")
    int notificationRetentionDays;

    @Option(names = "--webhook-allowed-networks", defaultValue = "${env:LATCHKEY_WEBHOOK_ALLOWED_NETWORKS}", description = "Internal networks webhooks may reach, as addresses, CIDR subnets or ranges separated by commas (LATCHKEY_WEBHOOK_ALLOWED_NETWORKS); by default webhooks go to public addresses only.")
    String webhookAllowedNetworks;

    @Option(names = "--github-keys-file", defaultValue = "${env:LATCHKEY_GITHUB_KEYS_FILE}", description = "GitHub's secret-scanning public keys, as its meta API serves them; enables POST /v1/leaks/github (LATCHKEY_GITHUB_KEYS_FILE).")
    Path githubKeysFile;

    @Option(names = "--log-format", defaultValue = "${env:LATCHKEY_LOG_FORMAT:-text}", description = "Log lines on standard output: text, or json for one JSON object per line (LATCHKEY_LOG_FORMAT, default ${DEFAULT-VALUE}).")
    String logFormat;
    @Option(names = "--trusted-proxies", defaultValue = "${env:LATCHKEY_TRUSTED_PROXIES}", description = "Reverse proxies whose Forwarded / X-Forwarded-For / -Proto / -Host headers are believed, as addresses or CIDR subnets separated by commas (LATCHKEY_TRUSTED_PROXIES); by default none, and those headers are ignored.")
    String trustedProxies;

    @Option(names = "--tls-cert-file", defaultValue = "${env:LATCHKEY_TLS_CERT_FILE}", description = "PEM certificate chain (the server's certificate first); with --tls-key-file, serves HTTPS (TLS 1.2 and 1.3) on --port (LATCHKEY_TLS_CERT_FILE).")
    Path tlsCertFile;

    @Option(names = "--tls-key-file", defaultValue = "${env:LATCHKEY_TLS_KEY_FILE}", description = "PEM private key of the certificate, unencrypted PKCS#8, RSA or EC (LATCHKEY_TLS_KEY_FILE).")
    Path tlsKeyFile;


    @Option(names = "--bootstrap-admin-apikey-file", defaultValue = "${env:LATCHKEY_BOOTSTRAP_ADMIN_APIKEY_FILE}", description = "Where first start writes the admin API key, mode 0600, parent directories made; an existing file is never overwritten (LATCHKEY_BOOTSTRAP_ADMIN_APIKEY_FILE, default DATA-DIR/admin-apikey.txt). The key's value may be supplied in LATCHKEY_BOOTSTRAP_ADMIN_APIKEY instead of generated. Both are ignored once the database is initialised.")
    Path bootstrapAdminApikeyFile;

    @Option(names = "--management-port", defaultValue = "${env:LATCHKEY_MANAGEMENT_PORT:-9000}", description = "Port of /metrics (Prometheus) and the health endpoints, on --host; 0 serves no management port (LATCHKEY_MANAGEMENT_PORT, default ${DEFAULT-VALUE}).")
    int managementPort;

    @Option(names = "--signing-key-rotation-days", defaultValue = "${env:LATCHKEY_SIGNING_KEY_ROTATION_DAYS:-90}", description = "Days after which a new token-signing key is made, published first and then used; 0 rotates only on request (LATCHKEY_SIGNING_KEY_ROTATION_DAYS, default ${DEFAULT-VALUE}).")
    int signingKeyRotationDays;

    @Option(names = "--audit-retention-days", defaultValue = "${env:LATCHKEY_AUDIT_RETENTION_DAYS:-400}", description = "Days audit events are kept; older ones are deleted every hour, oldest first, and the chain records where it now starts (LATCHKEY_AUDIT_RETENTION_DAYS, default ${DEFAULT-VALUE}).")
    int auditRetentionDays;

    @Option(names = "--shutdown-timeout", defaultValue = "${env:LATCHKEY_SHUTDOWN_TIMEOUT:-30}", description = "Seconds the requests in flight get to finish after SIGTERM, before they are cut off; new connections are refused and readiness answers 503 from the signal on (LATCHKEY_SHUTDOWN_TIMEOUT, default ${DEFAULT-VALUE}).")
    int shutdownTimeoutSeconds;

    @Override
    public Integer call() throws Exception {
        LogFormat format = logFormat(logFormat);
        if (!LogFormat.use(format) && format == LogFormat.JSON) {
            LOG.warn("--log-format json is not applied: the logging configuration in use has no Latchkey console "
                    + "appender (was logback.configurationFile set?)");
        }
        Duration drainLimit = shutdownTimeout(shutdownTimeoutSeconds);
        String supplied = System.getenv(AdminKeyBootstrap.VALUE_VARIABLE);
        String refused = supplied == null || supplied.isEmpty() ? null : suppliedAdminKeyProblem(supplied);
        if (refused != null) { // one sentence, before the data directory or anything in it is written
            return fail(refused);
        }
        AdminKeyBootstrap handover = new AdminKeyBootstrap(bootstrapAdminApikeyFile,
                supplied == null || supplied.isEmpty() ? null : supplied);
        ServerConfig config = new ServerConfig(host, port, database.dataDir, database.url(), database.user(),
                database.password(), autoOrNumber("--db-pool-size", dbPoolSize, 1, 1000, Database.AUTO_POOL_SIZE),
                blankToNull(publicUrl), System.getenv("LATCHKEY_MASTER_KEY"), keyPrefix,
                tokenAlgorithm, adminEmail, caches(cacheTtlSeconds, cacheStaleMaxSeconds, cacheMaxEntries), Duration.ofSeconds(2),
                notifications(), githubKeysFile,
                autoOrNumber("--signing-threads", signingThreads, 0, 256, ServerConfig.DEFAULT_SIGNING_THREADS), edge(),
                handover, managementPort(managementPort), signingKeyRotation(signingKeyRotationDays),
                auditRetention(auditRetentionDays));
        Wiring server;
        try {
            server = Wiring.start(config);
        } catch (HttpServer.PortUnavailable | Database.Unreachable | AdminKeyFile.Exists | MasterKey.Unusable e) {
            return fail(e.getMessage()); // one sentence, no trace
        } catch (SecretBox.Unopenable e) { // the signing keys, read at start, are sealed under another key
            return fail(MasterKey.doesNotOpen(config.masterKey(), config.dataDir()));
        }
        Path keyFile = handover.file() != null ? handover.file()
                : handover.value() == null ? config.dataDir().resolve(AdminKeyFile.FILE) : null;
        server.adminKey().ifPresent(created -> announce(format, handover, keyFile, created.value().reveal()));
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(server, drainLimit), "latchkey-shutdown"));
        new CountDownLatch(1).await(); // until the shutdown hook ends the process
        return 0;
    }

    /**
     * Says what first start made: in text logs with the generated key itself (the one time it is shown); never the
     * key in JSON logs, and never a supplied key in either.
     */
    private static void announce(LogFormat format, AdminKeyBootstrap handover, Path keyFile, String key) {
        String where = keyFile == null ? "it is the value of " + AdminKeyBootstrap.VALUE_VARIABLE + " and is not shown"
                : "it is in " + keyFile + " (mode 0600)";
        if (format == LogFormat.JSON || handover.value() != null) { // standard output then holds no key at all
            LOG.info("first start: created an account, its admin user and an admin API key; {}{}", where,
                    format == LogFormat.JSON && handover.value() == null ? " and is not shown in JSON logs" : "");
            return;
        }
        System.out.println();
        System.out.println("  First start: created an account, its admin user and this admin API key.");
        System.out.println("  It is shown once; a copy is in " + keyFile + " (mode 0600).");
        System.out.println();
        System.out.println("    " + key);
        System.out.println();
    }

    /** Null when the supplied admin key can be used with {@code --key-prefix}; else the sentence that refuses it. */
    private String suppliedAdminKeyProblem(String value) {
        KeyFormat keys;
        try {
            keys = new KeyFormat(keyPrefix);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--key-prefix " + e.getMessage() + ".");
        }
        return AdminKeyBootstrap.problem(keys, value);
    }

    private int fail(String sentence) {
        spec.commandLine().getErr().println("latchkey: " + sentence);
        spec.commandLine().getErr().flush();
        return 1;
    }

    /** The trusted proxies, checked, and the TLS certificate, read now: a problem is one sentence before anything starts. */
    private EdgeConfig edge() {
        String proxies = blankToNull(trustedProxies);
        try {
            ClientOrigin.trusting(proxies, null);
        } catch (DomainException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if ((tlsCertFile == null) != (tlsKeyFile == null)) {
            throw new ParameterException(spec.commandLine(), tlsCertFile == null
                    ? "--tls-key-file needs --tls-cert-file (the certificate of that key)."
                    : "--tls-cert-file needs --tls-key-file (the certificate's private key).");
        }
        try {
            return new EdgeConfig(proxies, tlsCertFile == null ? null : TlsCertificate.load(tlsCertFile, tlsKeyFile));
        } catch (TlsCertificate.Unusable e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /**
     * SIGTERM (or SIGINT): drain and stop the server, stop logging last so that the shutdown's own lines are
     * written, then end the process with status 0: a requested stop that completed is a success (the JVM would
     * otherwise exit 143 after a signal). A failure on the way is logged and ends the process with status 1.
     */
    private static void stop(Wiring server, Duration drainLimit) {
        int status = 0;
        try {
            server.shutdown(drainLimit);
        } catch (RuntimeException e) {
            LOG.error("shutdown failed", e);
            status = 1;
        }
        Logging.stop();
        System.out.flush();
        Runtime.getRuntime().halt(status);
    }

    private Duration shutdownTimeout(int seconds) {
        if (seconds < 0 || seconds > 3600) {
            throw new ParameterException(spec.commandLine(),
                    "--shutdown-timeout must be between 0 and 3600 seconds, not " + seconds + ".");
        }
        return Duration.ofSeconds(seconds);
    }

    private int managementPort(int value) {
        if (value < 0 || value > 65535) {
            throw new ParameterException(spec.commandLine(),
                    "--management-port must be between 1 and 65535, or 0 for none, not " + value + ".");
        }
        if (value != 0 && value == port) {
            throw new ParameterException(spec.commandLine(),
                    "--management-port must differ from --port (" + port + "): metrics and health have their own port.");
        }
        return value == 0 ? ServerConfig.NO_MANAGEMENT_PORT : value;
    }

    private Duration signingKeyRotation(int days) {
        if (days < 0 || days > 3650) {
            throw new ParameterException(spec.commandLine(),
                    "--signing-key-rotation-days must be between 1 and 3650, or 0 for none, not " + days + ".");
        }
        return Duration.ofDays(days);
    }

    private Duration auditRetention(int days) {
        if (days < 1 || days > 36500) {
            throw new ParameterException(spec.commandLine(),
                    "--audit-retention-days must be between 1 and 36500, not " + days + ".");
        }
        return Duration.ofDays(days);
    }

    private NotificationConfig notifications() {
        DeliveryPolicy defaults = DeliveryPolicy.DEFAULT;
        NotificationConfig config = NotificationConfig.defaults().withDelivery(new DeliveryPolicy(notificationAttempts,
                Duration.ofSeconds(notificationBackoffSeconds), Duration.ofSeconds(notificationBackoffCapSeconds),
                defaults.lease(), defaults.batchSize())).withWebhookTargets(webhookTargets(webhookAllowedNetworks))
                .withRetention(retention(notificationRetentionDays));
        if (blankToNull(smtpHost) == null) {
            return config;
        }
        String user = blankToNull(smtpUser);
        String password = blankToNull(smtpPassword);
        return config.withSmtp(new SmtpConfig(smtpHost.strip(), smtpPort, smtpFrom, user,
                password == null ? null : new Secret(password), smtpStarttls));
    }

    private LogFormat logFormat(String value) {
        LogFormat format = LogFormat.parse(value);
        if (format == null) {
            throw new ParameterException(spec.commandLine(), "--log-format must be text or json, not '" + value + "'.");
        }
        return format;
    }

    private CacheTiming caches(int ttlSeconds, int staleMaxSeconds, long maxEntries) {
        if (maxEntries < 1_000 || maxEntries > 100_000_000) {
            throw new ParameterException(spec.commandLine(),
                    "--cache-max-entries must be between 1000 and 100000000, not " + maxEntries + ".");
        }
        if (ttlSeconds < 1) {
            throw new ParameterException(spec.commandLine(), "--cache-ttl must be at least 1 second, not " + ttlSeconds + ".");
        }
        if (staleMaxSeconds < ttlSeconds) {
            throw new ParameterException(spec.commandLine(), "--cache-stale-max must be at least --cache-ttl ("
                    + ttlSeconds + " s), not " + staleMaxSeconds + ".");
        }
        return new CacheTiming(Duration.ofSeconds(ttlSeconds), Duration.ofSeconds(staleMaxSeconds), maxEntries);
    }

    /** The value of {@code option}: {@code auto} (returned as {@code auto}) or a whole number from min to max. */
    private int autoOrNumber(String option, String value, int min, int max, int auto) {
        if (value.equals("auto")) {
            return auto;
        }
        try {
            int number = Integer.parseInt(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException notANumber) {
            // refused below, with the same sentence as a number out of range
        }
        throw new ParameterException(spec.commandLine(),
                option + " must be auto or a number between " + min + " and " + max + ", not '" + value + "'.");
    }

    private Duration retention(int days) {
        if (days < 1) {
            throw new ParameterException(spec.commandLine(),
                    "--notification-retention must be at least 1 day, not " + days + ".");
        }
        return Duration.ofDays(days);
    }

    private WebhookTargets webhookTargets(String networks) {
        try {
            return WebhookTargets.allowing(networks);
        } catch (DomainException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
