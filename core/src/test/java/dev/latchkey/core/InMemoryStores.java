package dev.latchkey.core;

import dev.latchkey.core.access.InMemoryAccessGroupStore;
import dev.latchkey.core.access.InMemoryPolicyStore;
import dev.latchkey.core.account.InMemoryAccountStore;
import dev.latchkey.core.activity.InMemoryActivityReportStore;
import dev.latchkey.core.apikey.InMemoryApiKeyStore;
import dev.latchkey.core.audit.InMemoryAuditStore;
import dev.latchkey.core.apikey.InMemoryKeyUsageStore;
import dev.latchkey.core.apikey.InMemoryInactivityNoticeStore;
import dev.latchkey.core.common.InMemoryTransactor;
import dev.latchkey.core.identity.InMemoryUserStore;
import dev.latchkey.core.leak.InMemoryLeakStore;
import dev.latchkey.core.notification.InMemoryExpiryNoticeStore;
import dev.latchkey.core.notification.InMemoryOutbox;
import dev.latchkey.core.notification.InMemoryWebhookEndpointStore;
import dev.latchkey.core.password.InMemoryPasswordResetStore;
import dev.latchkey.core.resource.InMemoryResourcePlanStore;
import dev.latchkey.core.resource.InMemoryResourceStore;
import dev.latchkey.core.serviceid.InMemoryServiceIdGroupStore;
import dev.latchkey.core.serviceid.InMemoryServiceIdStore;
import dev.latchkey.core.session.InMemorySessionStore;
import dev.latchkey.core.settings.InMemoryAccountSettingsStore;
import dev.latchkey.core.token.InMemorySigningKeyStore;

/**
 * Every in-memory fake store over one {@link InMemoryTransactor}, as {@code Database} holds every JDBC store: a
 * transaction that throws rolls all of them back together. For core's service tests and store's contract tests.
 */
public final class InMemoryStores {
    public final InMemoryTransactor tx = new InMemoryTransactor();
    public final InMemoryAccountStore accounts = tx.enlist(new InMemoryAccountStore());
    public final InMemoryUserStore users = tx.enlist(new InMemoryUserStore());
    public final InMemoryAccessGroupStore accessGroups = tx.enlist(new InMemoryAccessGroupStore());
    public final dev.latchkey.core.access.InMemoryCustomRoleStore customRoles =
            tx.enlist(new dev.latchkey.core.access.InMemoryCustomRoleStore());
    /** Its candidates for a role are a group's members where a policy names the group, as the JDBC store's join. */
    public final InMemoryPolicyStore policies = tx.enlist(new InMemoryPolicyStore(accessGroups::memberIds));
    public final InMemoryResourceStore resources = tx.enlist(new InMemoryResourceStore());
    public final InMemoryResourcePlanStore resourcePlans = tx.enlist(new InMemoryResourcePlanStore());
    /** Its lookup by hash tells the credential a key backs, as the JDBC store's join of the resource keys does. */
    public final InMemoryApiKeyStore keys = tx.enlist(new InMemoryApiKeyStore(resources::activeKeyCrnsByApiKey));
    public final InMemoryServiceIdStore serviceIds = tx.enlist(new InMemoryServiceIdStore());
    /** Refuses to delete a group its service IDs name, as the database's foreign key does. */
    public final InMemoryServiceIdGroupStore serviceIdGroups = tx.enlist(new InMemoryServiceIdGroupStore(serviceIds));
    public final InMemorySigningKeyStore signingKeys = tx.enlist(new InMemorySigningKeyStore());
    public final InMemoryAccountSettingsStore settings = tx.enlist(new InMemoryAccountSettingsStore());
    public final InMemoryOutbox outbox = tx.enlist(new InMemoryOutbox());
    public final InMemoryWebhookEndpointStore webhookEndpoints = tx.enlist(new InMemoryWebhookEndpointStore());
    public final InMemoryExpiryNoticeStore expiryNotices = tx.enlist(new InMemoryExpiryNoticeStore(keys));
    public final InMemorySessionStore sessions = tx.enlist(new InMemorySessionStore());
    public final InMemoryLeakStore leaks = tx.enlist(new InMemoryLeakStore());
    public final InMemoryPasswordResetStore passwordResets = tx.enlist(new InMemoryPasswordResetStore());
    public final InMemoryActivityReportStore activityReports = tx.enlist(new InMemoryActivityReportStore());
    public final InMemoryAuditStore audit = tx.enlist(new InMemoryAuditStore());
    public final InMemoryKeyUsageStore keyUsage = tx.enlist(new InMemoryKeyUsageStore(keys));
    public final InMemoryInactivityNoticeStore inactivityNotices = tx.enlist(new InMemoryInactivityNoticeStore(keys));
}
