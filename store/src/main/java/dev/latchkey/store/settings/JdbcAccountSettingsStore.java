package dev.latchkey.store.settings;

import dev.latchkey.core.settings.AccountSettings;
import dev.latchkey.core.settings.AccountSettingsStore;
import dev.latchkey.core.settings.ExternalInteraction;
import dev.latchkey.core.settings.SettingsHistoryEntry;
import dev.latchkey.core.settings.UserDomainRestriction;
import dev.latchkey.core.settings.UserMfa;
import dev.latchkey.store.ChangeFeed;
import dev.latchkey.store.Sql;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Update;

/**
 * Account settings in {@code account_settings}, their lists in child tables (in the order sent), history in
 * {@code account_settings_history}. A save replaces the row and its lists in one transaction, guarded by the
 * version it read, adds the history entry and drops the account's entries beyond {@link #HISTORY_LIMIT}, and
 * publishes the account on the {@link ChangeFeed} ({@link #TOPIC}) so that every node's
 * {@link CachingAccountSettingsStore} forgets it once the save commits. Thread-safe.
 */
public final class JdbcAccountSettingsStore implements AccountSettingsStore {
    public static final String TOPIC = "settings";
    private static final String COLUMNS = "account_id, restrict_create_service_id, restrict_create_platform_apikey, "
            + "allowed_ip_addresses, mfa, session_expiration_in_seconds, session_invalidation_in_seconds, "
            + "max_sessions_per_identity, system_access_token_expiration_in_seconds, "
            + "system_refresh_token_expiration_in_seconds, restrict_user_list_visibility, version, "
            + "apikey_max_lifetime_days, apikey_disable_after_inactive_days, "
            + "external_user_state, external_user_accounts, external_service_id_state, external_service_id_accounts, "
            + "external_service_state, external_service_accounts";
    private final Jdbi jdbi;
    private final ChangeFeed changes;

    public JdbcAccountSettingsStore(Jdbi jdbi, ChangeFeed changes) {
        this.jdbi = jdbi;
        this.changes = changes;
    }

    private record Row(String accountId, String serviceId, String platformApikey, String allowedIps, String mfa,
                       String sessionExpiration, String sessionInvalidation, String maxSessions, String accessToken,
                       String refreshToken, String visibility, long version, String maxLifetime,
                       String disableAfter, ExternalInteraction extUser, ExternalInteraction extServiceId,
                       ExternalInteraction extService) {
    }

    private record DomainRow(int position, String realmId, boolean hasPatterns, Boolean restrictInvitation) {
    }

    private record PatternRow(int domainPosition, String pattern) {
    }

    @Override
    public Optional<AccountSettings> find(String accountId) {
        // No transaction: at READ COMMITTED (both databases) it would not make the three reads one snapshot anyway,
        // and for the usual account, which never wrote its settings, it would double the round trips of the token
        // path's cache miss (BEGIN with the query, then COMMIT; decision 0039).
        return jdbi.withHandle(h -> {
            Optional<Row> row = h.createQuery("SELECT " + COLUMNS + " FROM account_settings WHERE account_id = :id")
                    .bind("id", accountId)
                    .map((rs, ctx) -> new Row(rs.getString("account_id"), rs.getString("restrict_create_service_id"),
                            rs.getString("restrict_create_platform_apikey"), rs.getString("allowed_ip_addresses"),
                            rs.getString("mfa"), rs.getString("session_expiration_in_seconds"),
                            rs.getString("session_invalidation_in_seconds"), rs.getString("max_sessions_per_identity"),
                            rs.getString("system_access_token_expiration_in_seconds"),
                            rs.getString("system_refresh_token_expiration_in_seconds"),
                            rs.getString("restrict_user_list_visibility"), rs.getLong("version"),
                            rs.getString("apikey_max_lifetime_days"), rs.getString("apikey_disable_after_inactive_days"),
                            external(rs.getString("external_user_state"), rs.getString("external_user_accounts")),
                            external(rs.getString("external_service_id_state"),
                                    rs.getString("external_service_id_accounts")),
                            external(rs.getString("external_service_state"),
                                    rs.getString("external_service_accounts"))))
                    .findOne();
            return row.map(r -> new AccountSettings(r.accountId(), r.serviceId(), r.platformApikey(), r.allowedIps(),
                    r.mfa(), userMfa(h, accountId), r.sessionExpiration(), r.sessionInvalidation(), r.maxSessions(),
                    r.accessToken(), r.refreshToken(), r.visibility(), domains(h, accountId), r.version(),
                    r.maxLifetime(), r.disableAfter(), r.extUser(), r.extServiceId(), r.extService()));
        });
    }

    @Override
    public boolean save(AccountSettings settings, long expectedVersion, SettingsHistoryEntry entry) {
        return jdbi.inTransaction(h -> {
            int rows;
            if (expectedVersion == 0) {
                // Two first writers race on the primary key; the loser inserts nothing and gets false.
                rows = bind(h.createUpdate("INSERT INTO account_settings (" + COLUMNS + ") VALUES (:accountId, "
                        + ":serviceId, :platformApikey, :allowedIps, :mfa, :sessionExpiration, :sessionInvalidation, "
                        + ":maxSessions, :accessToken, :refreshToken, :visibility, :version, :maxLifetime, "
                        + ":disableAfter, :extUserState, :extUserAccounts, :extServiceIdState, :extServiceIdAccounts, "
                        + ":extServiceState, :extServiceAccounts) ON CONFLICT DO NOTHING"),
                        settings).execute();
            } else {
                rows = bind(h.createUpdate("""
                        UPDATE account_settings SET restrict_create_service_id = :serviceId,
                            restrict_create_platform_apikey = :platformApikey, allowed_ip_addresses = :allowedIps,
                            mfa = :mfa, session_expiration_in_seconds = :sessionExpiration,
                            session_invalidation_in_seconds = :sessionInvalidation,
                            max_sessions_per_identity = :maxSessions,
                            system_access_token_expiration_in_seconds = :accessToken,
                            system_refresh_token_expiration_in_seconds = :refreshToken,
                            restrict_user_list_visibility = :visibility, version = :version,
                            apikey_max_lifetime_days = :maxLifetime,
                            apikey_disable_after_inactive_days = :disableAfter,
                            external_user_state = :extUserState, external_user_accounts = :extUserAccounts,
                            external_service_id_state = :extServiceIdState,
                            external_service_id_accounts = :extServiceIdAccounts,
                            external_service_state = :extServiceState,
                            external_service_accounts = :extServiceAccounts
                        WHERE account_id = :accountId AND version = :expected"""), settings)
                        .bind("expected", expectedVersion).execute();
            }
            if (rows == 0) {
                return false;
            }
            replaceLists(h, settings);
            changes.publish(h, TOPIC, settings.accountId());
            h.createUpdate("""
                            INSERT INTO account_settings_history (account_id, at, iam_id, iam_id_account, action,
                                params, message)
                            VALUES (:accountId, :at, :iamId, :account, :action, :params, :message)""")
                    .bind("accountId", settings.accountId()).bind("at", Sql.time(entry.timestamp()))
                    .bind("iamId", entry.iamId()).bind("account", entry.iamIdAccount())
                    .bind("action", entry.action()).bind("params", String.join(",", entry.params()))
                    .bind("message", entry.message()).execute();
            h.createUpdate("""
                            DELETE FROM account_settings_history WHERE account_id = :accountId AND seq <= (
                                SELECT seq FROM account_settings_history WHERE account_id = :accountId
                                ORDER BY seq DESC LIMIT 1 OFFSET :keep)""")
                    .bind("accountId", settings.accountId()).bind("keep", HISTORY_LIMIT).execute();
            return true;
        });
    }

    @Override
    public List<SettingsHistoryEntry> history(String accountId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT * FROM account_settings_history WHERE account_id = :id ORDER BY seq")
                .bind("id", accountId)
                .map((rs, ctx) -> new SettingsHistoryEntry(Sql.instant(rs, "at"), rs.getString("iam_id"),
                        rs.getString("iam_id_account"), rs.getString("action"),
                        Arrays.stream(rs.getString("params").split(",")).filter(s -> !s.isEmpty()).toList(),
                        rs.getString("message")))
                .list());
    }

    @Override
    public Map<String, Integer> inactivityRules() {
        Map<String, Integer> rules = new LinkedHashMap<>();
        jdbi.useHandle(h -> h.createQuery("""
                        SELECT account_id, apikey_disable_after_inactive_days FROM account_settings
                        WHERE apikey_disable_after_inactive_days <> 'NOT_SET' ORDER BY account_id""")
                .map((rs, ctx) -> Map.entry(rs.getString(1), Integer.parseInt(rs.getString(2))))
                .forEach(e -> rules.put(e.getKey(), e.getValue())));
        return rules;
    }

    private static Update bind(Update update, AccountSettings s) {
        return update.bind("accountId", s.accountId()).bind("serviceId", s.restrictCreateServiceId())
                .bind("platformApikey", s.restrictCreatePlatformApikey()).bind("allowedIps", s.allowedIpAddresses())
                .bind("mfa", s.mfa()).bind("sessionExpiration", s.sessionExpirationInSeconds())
                .bind("sessionInvalidation", s.sessionInvalidationInSeconds())
                .bind("maxSessions", s.maxSessionsPerIdentity())
                .bind("accessToken", s.systemAccessTokenExpirationInSeconds())
                .bind("refreshToken", s.systemRefreshTokenExpirationInSeconds())
                .bind("visibility", s.restrictUserListVisibility()).bind("version", s.version())
                .bind("maxLifetime", s.apikeyMaxLifetimeDays())
                .bind("disableAfter", s.apikeyDisableAfterInactiveDays())
                .bind("extUserState", s.externalUser().state())
                .bind("extUserAccounts", String.join(",", s.externalUser().externalAllowedAccounts()))
                .bind("extServiceIdState", s.externalServiceId().state())
                .bind("extServiceIdAccounts", String.join(",", s.externalServiceId().externalAllowedAccounts()))
                .bind("extServiceState", s.externalService().state())
                .bind("extServiceAccounts", String.join(",", s.externalService().externalAllowedAccounts()));
    }

    /** An identity type's external interaction setting from its two columns (accounts joined by commas). */
    private static ExternalInteraction external(String state, String accounts) {
        return new ExternalInteraction(state, accounts.isEmpty() ? List.of() : List.of(accounts.split(",")));
    }

    private static void replaceLists(Handle h, AccountSettings s) {
        h.createUpdate("DELETE FROM account_settings_user_mfa WHERE account_id = :id").bind("id", s.accountId())
                .execute();
        h.createUpdate("DELETE FROM account_settings_user_domains WHERE account_id = :id").bind("id", s.accountId())
                .execute();
        if (!s.userMfa().isEmpty()) {
            var batch = h.prepareBatch("INSERT INTO account_settings_user_mfa (account_id, position, iam_id, mfa) "
                    + "VALUES (:id, :position, :iamId, :mfa)");
            for (int i = 0; i < s.userMfa().size(); i++) {
                UserMfa item = s.userMfa().get(i);
                batch.bind("id", s.accountId()).bind("position", i).bind("iamId", item.iamId())
                        .bind("mfa", item.mfa()).add();
            }
            batch.execute();
        }
        for (int i = 0; i < s.restrictUserDomains().size(); i++) {
            UserDomainRestriction domain = s.restrictUserDomains().get(i);
            h.createUpdate("""
                            INSERT INTO account_settings_user_domains (account_id, position, realm_id, has_patterns,
                                restrict_invitation)
                            VALUES (:id, :position, :realm, :hasPatterns, :restrict)""")
                    .bind("id", s.accountId()).bind("position", i).bind("realm", domain.realmId())
                    .bind("hasPatterns", domain.invitationEmailAllowPatterns() != null)
                    .bind("restrict", domain.restrictInvitation()).execute();
            List<String> patterns = domain.invitationEmailAllowPatterns();
            if (patterns != null && !patterns.isEmpty()) {
                var batch = h.prepareBatch("INSERT INTO account_settings_domain_patterns (account_id, "
                        + "domain_position, position, pattern) VALUES (:id, :domain, :position, :pattern)");
                for (int p = 0; p < patterns.size(); p++) {
                    batch.bind("id", s.accountId()).bind("domain", i).bind("position", p)
                            .bind("pattern", patterns.get(p)).add();
                }
                batch.execute();
            }
        }
    }

    private static List<UserMfa> userMfa(Handle h, String accountId) {
        return h.createQuery("SELECT iam_id, mfa FROM account_settings_user_mfa WHERE account_id = :id "
                        + "ORDER BY position")
                .bind("id", accountId).map((rs, ctx) -> UserMfa.of(rs.getString("iam_id"), rs.getString("mfa")))
                .list();
    }

    private static List<UserDomainRestriction> domains(Handle h, String accountId) {
        List<DomainRow> rows = h.createQuery("SELECT position, realm_id, has_patterns, restrict_invitation "
                        + "FROM account_settings_user_domains WHERE account_id = :id ORDER BY position")
                .bind("id", accountId)
                .map((rs, ctx) -> new DomainRow(rs.getInt("position"), rs.getString("realm_id"),
                        rs.getBoolean("has_patterns"), rs.getObject("restrict_invitation", Boolean.class)))
                .list();
        if (rows.isEmpty()) {
            return List.of();
        }
        List<PatternRow> patterns = h.createQuery("SELECT domain_position, pattern FROM "
                        + "account_settings_domain_patterns WHERE account_id = :id ORDER BY domain_position, position")
                .bind("id", accountId)
                .map((rs, ctx) -> new PatternRow(rs.getInt("domain_position"), rs.getString("pattern")))
                .list();
        List<UserDomainRestriction> result = new ArrayList<>();
        for (DomainRow row : rows) {
            List<String> own = row.hasPatterns() ? patterns.stream()
                    .filter(p -> p.domainPosition() == row.position()).map(PatternRow::pattern).toList() : null;
            result.add(new UserDomainRestriction(row.realmId(), own, row.restrictInvitation()));
        }
        return result;
    }
}
