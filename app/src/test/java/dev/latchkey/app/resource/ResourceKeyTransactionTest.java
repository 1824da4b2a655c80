package dev.latchkey.app.resource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.app.support.TestServer;
import dev.latchkey.core.access.AccessDecider;
import dev.latchkey.core.apikey.ActivityRecorder;
import dev.latchkey.core.apikey.ApiKeyQuery;
import dev.latchkey.core.apikey.ApiKeyService;
import dev.latchkey.core.common.Ids;
import dev.latchkey.core.common.KeyFormat;
import dev.latchkey.core.common.Page;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.common.SecretBox;
import dev.latchkey.core.resource.CreateResourceInstance;
import dev.latchkey.core.resource.CreateResourceKey;
import dev.latchkey.core.resource.ResourceInstance;
import dev.latchkey.core.resource.ResourceKey;
import dev.latchkey.core.resource.ResourceService;
import dev.latchkey.core.resource.ResourceStore;
import dev.latchkey.core.serviceid.ServiceIdQuery;
import dev.latchkey.core.settings.AccountSettingsService;
import dev.latchkey.store.Database;
import dev.latchkey.store.access.JdbcAccessGroupStore;
import dev.latchkey.store.access.JdbcPolicyStore;
import dev.latchkey.store.account.JdbcAccountStore;
import dev.latchkey.store.apikey.JdbcApiKeyStore;
import dev.latchkey.store.apikey.JdbcKeyUsageStore;
import dev.latchkey.store.identity.JdbcUserStore;
import dev.latchkey.store.resource.JdbcResourceStore;
import dev.latchkey.store.serviceid.JdbcServiceIdStore;
import dev.latchkey.store.settings.JdbcAccountSettingsStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A resource key and its service ID, API key and policy are written in one transaction: when the last write fails,
 * none of the others is left behind. The service runs on the server's own database with real stores; only the
 * resource store's key insert is made to fail.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResourceKeyTransactionTest {
    TestServer server;
    Principal owner;
    JdbcServiceIdStore serviceIds;
    JdbcApiKeyStore keys;
    JdbcPolicyStore policies;
    ResourceService service;

    @BeforeAll
    void start() {
        server = TestServer.h2();
        JsonNode first = server.get("/v1/apikeys", server.token(server.adminKey)).body().get("apikeys").get(0);
        owner = new Principal(first.get("iam_id").asText(), first.get("account_id").asText());
        Database db = server.wiring.database();
        SecureRandom random = new SecureRandom();
        Clock clock = Clock.systemUTC();
        Ids ids = new Ids(random);
        var users = new JdbcUserStore(db.jdbi(), db.changes(), db.isPostgres());
        serviceIds = new JdbcServiceIdStore(db.jdbi(), db.changes(), db.isPostgres());
        keys = new JdbcApiKeyStore(db.jdbi(), db.changes(), db.isPostgres());
        policies = new JdbcPolicyStore(db.jdbi());
        AccessDecider access = new AccessDecider(policies, new JdbcAccessGroupStore(db.jdbi()),
                new dev.latchkey.store.access.JdbcCustomRoleStore(db.jdbi()),
                new JdbcAccountStore(db.jdbi()), (account, iamId) -> users.membership(account, iamId).isPresent()
                || serviceIds.accountOf(iamId).filter(account::equals).isPresent(), clock);
        var audit = new dev.latchkey.core.audit.AuditTrail(new dev.latchkey.store.audit.JdbcAuditStore(db.jdbi()),
                dev.latchkey.core.audit.AuditPublisher.NONE, db, ids, clock);
        ApiKeyService apiKeys = new ApiKeyService(keys, users, serviceIds, access,
                new AccountSettingsService(new JdbcAccountSettingsStore(db.jdbi(), db.changes()), users, access, clock,
                        db, audit),
                new ActivityRecorder(keys, new JdbcKeyUsageStore(db.jdbi(), db.isPostgres()), db), new KeyFormat("lk"), ids, random, new SecretBox(new byte[32], random), clock, db,
                dev.latchkey.core.notification.Notifier.NONE, audit);
        service = new ResourceService(db, new FailingKeyInsert(new JdbcResourceStore(db.jdbi(), db.isPostgres())),
                new dev.latchkey.store.resource.JdbcResourcePlanStore(db.jdbi()), serviceIds, apiKeys, keys, policies,
                new JdbcAccessGroupStore(db.jdbi()), access, ids, clock, audit);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void whenTheKeyRowCannotBeWrittenNoServiceIdApiKeyOrPolicyIsLeft() {
        ResourceInstance instance = service.createInstance(owner, new CreateResourceInstance("tx", null, null, null,
                "books", null, null, false));
        int serviceIdsBefore = serviceIdsNamed("doomed");
        int keysBefore = serviceIdKeys();
        int policiesBefore = policies.list(owner.accountId(), null, 0, 100).items().size();

        assertThatThrownBy(() -> service.createKey(owner, new CreateResourceKey("doomed", instance.guid(), null, null)))
                .hasMessage("the disk is full");

        assertThat(serviceIdsNamed("doomed")).isEqualTo(serviceIdsBefore).isZero();
        assertThat(serviceIdKeys()).isEqualTo(keysBefore);
        assertThat(policies.list(owner.accountId(), null, 0, 100).items()).hasSize(policiesBefore);
    }

    private int serviceIdsNamed(String name) {
        return serviceIds.list(new ServiceIdQuery(owner.accountId(), name, null, ServiceIdQuery.SortField.CREATED_AT,
                false, 0, 100)).items().size();
    }

    private int serviceIdKeys() {
        return keys.list(new ApiKeyQuery(owner.accountId(), null, ApiKeyQuery.KeyType.SERVICEID, null,
                ApiKeyQuery.SortField.CREATED_AT, false, 0, 100)).items().size();
    }

    /** The real store, except that writing a key fails, as a full disk or a lost connection would. */
    private record FailingKeyInsert(ResourceStore delegate) implements ResourceStore {
        @Override
        public void insertKey(ResourceKey key) {
            throw new IllegalStateException("the disk is full");
        }

        @Override
        public void insertInstance(ResourceInstance instance) {
            delegate.insertInstance(instance);
        }

        @Override
        public Optional<ResourceInstance> findInstance(String guid) {
            return delegate.findInstance(guid);
        }

        @Override
        public Optional<ResourceInstance> lockInstance(String guid) {
            return delegate.lockInstance(guid);
        }

        @Override
        public boolean updateInstance(ResourceInstance instance, long expectedVersion) {
            return delegate.updateInstance(instance, expectedVersion);
        }

        @Override
        public Page<ResourceInstance> listInstances(InstanceQuery query) {
            return delegate.listInstances(query);
        }

        @Override
        public Optional<ResourceKey> findKey(String guid) {
            return delegate.findKey(guid);
        }

        @Override
        public boolean updateKey(ResourceKey key, long expectedVersion) {
            return delegate.updateKey(key, expectedVersion);
        }

        @Override
        public Page<ResourceKey> listKeys(KeyQuery query) {
            return delegate.listKeys(query);
        }

        @Override
        public List<ResourceKey> activeKeysOf(String instanceGuid) {
            return delegate.activeKeysOf(instanceGuid);
        }

        @Override
        public Map<String, String> activeKeyCrnsByApiKey(Collection<String> apiKeyIds) {
            return delegate.activeKeyCrnsByApiKey(apiKeyIds);
        }
    }
}
