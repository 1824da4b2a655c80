package dev.latchkey.app;

import dev.latchkey.store.CacheTiming;
import dev.latchkey.store.Database;
import dev.latchkey.store.access.JdbcAccessGroupStore;
import dev.latchkey.store.access.JdbcCustomRoleStore;
import dev.latchkey.store.access.JdbcPolicyStore;
import dev.latchkey.store.account.JdbcAccountStore;
import dev.latchkey.store.apikey.CachingApiKeyStore;
import dev.latchkey.store.apikey.JdbcApiKeyStore;
import dev.latchkey.store.identity.CachingUserStore;
import dev.latchkey.store.identity.JdbcUserStore;
import dev.latchkey.store.notification.JdbcOutboxStore;
import dev.latchkey.store.notification.JdbcWebhookEndpointStore;
import dev.latchkey.store.serviceid.CachingServiceIdStore;
import dev.latchkey.store.serviceid.JdbcServiceIdStore;
import dev.latchkey.store.settings.CachingAccountSettingsStore;
import dev.latchkey.store.settings.JdbcAccountSettingsStore;

/**
 * The stores more than one service uses, over one database; those the token path reads sit behind their caches.
 * The change feed starts once every cache has subscribed to it. (A store one service alone uses is made where
 * that service is, in {@link Services}.)
 */
record Stores(JdbcAccountStore accounts, CachingUserStore users, JdbcPolicyStore policies, CachingApiKeyStore keys,
              CachingAccountSettingsStore settings, CachingServiceIdStore serviceIds, JdbcOutboxStore outbox,
              JdbcWebhookEndpointStore webhookEndpoints, JdbcAccessGroupStore accessGroups,
              JdbcCustomRoleStore customRoles) {

    static Stores open(Database database, CacheTiming caches) {
        var changes = database.changes();
        var jdbi = database.jdbi();
        Stores stores = new Stores(new JdbcAccountStore(jdbi),
                new CachingUserStore(new JdbcUserStore(jdbi, changes, database.isPostgres()), changes, caches),
                new JdbcPolicyStore(jdbi),
                new CachingApiKeyStore(new JdbcApiKeyStore(jdbi, changes, database.isPostgres()), changes, caches,
                        database::holdsConnection),
                new CachingAccountSettingsStore(new JdbcAccountSettingsStore(jdbi, changes), changes, caches),
                new CachingServiceIdStore(new JdbcServiceIdStore(jdbi, changes, database.isPostgres()), changes,
                        caches),
                new JdbcOutboxStore(jdbi, database.isPostgres()), new JdbcWebhookEndpointStore(jdbi),
                new JdbcAccessGroupStore(jdbi),
                new JdbcCustomRoleStore(jdbi));
        changes.start(); // after every cache has subscribed
        return stores;
    }
}
