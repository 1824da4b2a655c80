package dev.latchkey.store;

import dev.latchkey.core.InMemoryStores;
import dev.latchkey.core.access.AccessGroupStore;
import dev.latchkey.core.access.CustomRoleStore;
import dev.latchkey.core.access.PolicyStore;
import dev.latchkey.core.account.AccountStore;
import dev.latchkey.core.activity.ActivityReportStore;
import dev.latchkey.core.apikey.ApiKeyStore;
import dev.latchkey.core.apikey.KeyUsageStore;
import dev.latchkey.core.apikey.InactivityNoticeStore;
import dev.latchkey.core.common.Transactor;
import dev.latchkey.core.identity.UserStore;
import dev.latchkey.core.notification.ExpiryNoticeStore;
import dev.latchkey.core.notification.OutboxStore;
import dev.latchkey.core.notification.WebhookEndpointStore;
import dev.latchkey.core.password.PasswordResetStore;
import dev.latchkey.core.resource.ResourcePlanStore;
import dev.latchkey.core.resource.ResourceStore;
import dev.latchkey.core.serviceid.ServiceIdStore;
import dev.latchkey.core.session.SessionStore;
import dev.latchkey.core.settings.AccountSettingsStore;
import dev.latchkey.core.token.SigningKeyStore;
import dev.latchkey.store.access.JdbcAccessGroupStore;
import dev.latchkey.store.access.JdbcCustomRoleStore;
import dev.latchkey.store.access.JdbcPolicyStore;
import dev.latchkey.store.account.JdbcAccountStore;
import dev.latchkey.store.activity.JdbcActivityReportStore;
import dev.latchkey.store.apikey.JdbcApiKeyStore;
import dev.latchkey.store.apikey.JdbcKeyUsageStore;
import dev.latchkey.store.identity.JdbcUserStore;
import dev.latchkey.store.notification.JdbcExpiryNoticeStore;
import dev.latchkey.store.notification.JdbcInactivityNoticeStore;
import dev.latchkey.store.notification.JdbcOutboxStore;
import dev.latchkey.store.notification.JdbcWebhookEndpointStore;
import dev.latchkey.store.password.JdbcPasswordResetStore;
import dev.latchkey.store.resource.JdbcResourcePlanStore;
import dev.latchkey.store.resource.JdbcResourceStore;
import dev.latchkey.store.serviceid.JdbcServiceIdStore;
import dev.latchkey.store.session.JdbcSessionStore;
import dev.latchkey.store.settings.JdbcAccountSettingsStore;
import dev.latchkey.store.token.JdbcSigningKeyStore;

/**
 * The stores a contract runs against, with the transactor that commits them together: the JDBC stores over one
 * database, or core's in-memory fakes, which must behave the same.
 */
record StoresUnderTest(Transactor tx, AccountStore accounts, UserStore users, PolicyStore policies, ApiKeyStore keys,
                       SigningKeyStore signingKeys, AccountSettingsStore settings, ServiceIdStore serviceIds,
                       OutboxStore outbox, WebhookEndpointStore webhookEndpoints, ExpiryNoticeStore expiryNotices,
                       ResourceStore resources, SessionStore sessions, PasswordResetStore passwordResets,
                       ActivityReportStore activityReports, InactivityNoticeStore inactivityNotices,
                       AutoCloseable closer, KeyUsageStore keyUsage, AccessGroupStore accessGroups,
                       ResourcePlanStore resourcePlans, CustomRoleStore customRoles)
        implements AutoCloseable {

    static StoresUnderTest jdbc(Database db) {
        var jdbi = db.jdbi();
        return new StoresUnderTest(db, new JdbcAccountStore(jdbi), new JdbcUserStore(jdbi, db.changes(), db.isPostgres()),
                new JdbcPolicyStore(jdbi), new JdbcApiKeyStore(jdbi, db.changes(), db.isPostgres()),
                new JdbcSigningKeyStore(jdbi, db.changes()),
                new JdbcAccountSettingsStore(jdbi, db.changes()),
                new JdbcServiceIdStore(jdbi, db.changes(), db.isPostgres()),
                new JdbcOutboxStore(jdbi, db.isPostgres()), new JdbcWebhookEndpointStore(jdbi),
                new JdbcExpiryNoticeStore(jdbi), new JdbcResourceStore(jdbi, db.isPostgres()), new JdbcSessionStore(jdbi),
                new JdbcPasswordResetStore(jdbi),
                new JdbcActivityReportStore(jdbi), new JdbcInactivityNoticeStore(jdbi), db, new JdbcKeyUsageStore(jdbi, db.isPostgres()),
                new JdbcAccessGroupStore(jdbi), new JdbcResourcePlanStore(jdbi), new JdbcCustomRoleStore(jdbi));
    }

    static StoresUnderTest inMemory() {
        return inMemory(new InMemoryStores());
    }

    /** Over fakes the caller holds too, for a contract that also needs a fake this record does not carry. */
    static StoresUnderTest inMemory(InMemoryStores s) {
        return new StoresUnderTest(s.tx, s.accounts, s.users, s.policies, s.keys, s.signingKeys, s.settings,
                s.serviceIds, s.outbox, s.webhookEndpoints, s.expiryNotices, s.resources, s.sessions,
                s.passwordResets, s.activityReports, s.inactivityNotices, () -> { }, s.keyUsage, s.accessGroups,
                s.resourcePlans, s.customRoles);
    }

    @Override
    public void close() {
        try {
            closer.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot close the stores under test", e);
        }
    }
}
