package dev.latchkey.core.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.core.InMemoryServices;
import dev.latchkey.core.access.Policy;
import dev.latchkey.core.access.PolicyRequest;
import dev.latchkey.core.access.Role;
import dev.latchkey.core.apikey.ApiKey;
import dev.latchkey.core.apikey.CreateApiKey;
import dev.latchkey.core.apikey.UpdateApiKey;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.EntityTag;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.common.Secret;
import dev.latchkey.core.leak.LeakReport;
import dev.latchkey.core.serviceid.CreateServiceId;
import dev.latchkey.core.serviceid.CreatedServiceId;
import dev.latchkey.core.token.TokenOutcome;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The services record what they change, in the change's transaction, and nothing for what they refuse: on the
 * in-memory stores, whose transactor rolls the audit store back with the others.
 */
class AuditRecordingTest {
    final InMemoryServices s = new InMemoryServices();
    final Principal alice = s.member("IBMid-ALICE00001");

    List<String> actions() {
        return s.audited.stream().map(AuditEvent::action).toList();
    }

    @Test
    void apiKeyChangesAreRecordedWithTheirDetailsAndNoValue() {
        var created = s.apiKeys.create(alice, new CreateApiKey("ci", alice.iamId(), null, null, null, null, null,
                null, null, false, false));
        ApiKey key = created.key();
        ApiKey renamed = s.apiKeys.update(alice, key.id(), EntityTag.of(key.id(), key.version()),
                new UpdateApiKey("ci-2", null, null, null, null, false));
        s.apiKeys.setDisabled(alice, key.id(), true);
        s.apiKeys.rotate(alice, key.id(), null, 60);
        s.apiKeys.delete(alice, key.id());
        assertThat(actions()).containsExactly("iam-identity.apikey.create", "iam-identity.apikey.update",
                "iam-identity.apikey.disable", "iam-identity.apikey.rotate", "iam-identity.apikey.delete");
        AuditEvent update = s.audited.get(1);
        assertThat(update.actor()).isEqualTo(alice.iamId());
        assertThat(update.accountId()).isEqualTo(InMemoryServices.ACCOUNT);
        assertThat(update.target()).isEqualTo(AuditTarget.of("apikey", key.id(), renamed.name()));
        assertThat(update.details()).containsEntry("name", "ci-2");
        assertThat(s.audited.get(3).details()).containsEntry("grace_seconds", "60");
        assertThat(s.audited).allSatisfy(e -> assertThat(e.canonical()).doesNotContain(created.value().reveal()));
        assertThat(s.auditLog.verify(InMemoryServices.ACCOUNT).intact()).isTrue();
    }

    @Test
    void aRefusedOrFailedChangeRecordsNothing() {
        ApiKey key = s.apiKeys.create(alice, new CreateApiKey("ci", alice.iamId(), null, null, null, null, null,
                null, null, false, false)).key();
        int before = s.audited.size();
        Principal bob = s.member("IBMid-BOB0000001");
        assertThatThrownBy(() -> s.apiKeys.delete(bob, key.id())).isInstanceOf(DomainException.class);
        assertThatThrownBy(() -> s.apiKeys.update(alice, key.id(), EntityTag.of(key.id(), key.version() + 7),
                new UpdateApiKey("x", null, null, null, null, false))).isInstanceOf(DomainException.class);
        // the service ID and its event are written, then its nested key is refused: all of it rolls back
        assertThatThrownBy(() -> s.serviceIds.create(InMemoryServices.OWNER, new CreateServiceId(null, "deployer", null,
                null, new CreateServiceId.NestedApiKey("k", null, "too-short", null, null, null), false)))
                .isInstanceOf(DomainException.class).hasMessageContaining("apikey");
        assertThat(s.stores.serviceIds.list(new dev.latchkey.core.serviceid.ServiceIdQuery(InMemoryServices.ACCOUNT,
                null, null, dev.latchkey.core.serviceid.ServiceIdQuery.SortField.NAME, false, 0, 10)).items()).isEmpty();
        // (s.audited is what the publisher was told, inside the transaction; the store is what committed)
        assertThat(s.stores.audit.head(InMemoryServices.ACCOUNT).orElseThrow().lastSeq()).isEqualTo(before);
        assertThat(s.auditLog.verify(InMemoryServices.ACCOUNT).intact()).isTrue();
    }

    @Test
    void serviceIdsPoliciesAndSettingsAreRecorded() {
        CreatedServiceId made = s.serviceIds.create(InMemoryServices.OWNER, new CreateServiceId(null, "deployer", null,
                null, null, false));
        s.serviceIds.delete(InMemoryServices.OWNER, made.serviceId().id());
        var policy = s.policies.create(InMemoryServices.OWNER, new PolicyRequest("access",
                List.of(new PolicyRequest.Subject(List.of(new Policy.Attribute("iam_id", alice.iamId(), null)))),
                List.of(Role.OPERATOR.crn()), List.of(new PolicyRequest.ResourceSpec(List.of(
                        new Policy.Attribute("accountId", InMemoryServices.ACCOUNT, null),
                        new Policy.Attribute("serviceName", "iam-identity", null)), null)), null));
        s.policies.delete(InMemoryServices.OWNER, policy.id());
        assertThat(actions()).containsExactly("iam-identity.serviceid.create", "iam-identity.serviceid.delete", "iam-access-management.policy.create",
                "iam-access-management.policy.delete");
    }

    @Test
    void refusedExchangesOfKnownKeysAndSignInsWaitForTheFlush() {
        ApiKey key = s.apiKeys.create(alice, new CreateApiKey("ci", alice.iamId(), null, null, null, null, null,
                null, null, false, true)).key();
        int before = s.audited.size();
        TokenOutcome outcome = s.tokens.exchange(new Secret("lk_nothing"), null, Set.of(), "default", "10.0.0.1");
        assertThat(outcome).isInstanceOf(TokenOutcome.Refused.class);
        s.stores.users.setPasswordHash(alice.iamId(), "hashed:right");
        s.tokens.exchangePassword("ibmid-alice00001@example.com", new Secret("wrong"), null, "default", "10.0.0.1");
        s.tokens.exchangePassword("nobody@example.com", new Secret("wrong"), null, "default", "10.0.0.1");
        assertThat(s.audited).as("refusals wait for the flush").hasSize(before);
        s.refusals.flush();
        assertThat(s.audited.subList(before, s.audited.size())).extracting(AuditEvent::action, e -> e.details()
                .get("reason")).containsExactly(org.assertj.core.groups.Tuple.tuple("iam-identity.user.login",
                "bad_credentials"));
        s.tokens.exchangePassword("ibmid-alice00001@example.com", new Secret("right"), null, "default", "10.0.0.1");
        assertThat(s.audited.get(s.audited.size() - 1).outcome()).isEqualTo(AuditEvent.Outcome.SUCCESS);
        assertThat(key.disabled()).isTrue();
    }

    @Test
    void aLeakReportAndItsActionAreRecorded() {
        var created = s.apiKeys.create(alice, new CreateApiKey("ci", alice.iamId(), null, null, null, null, null,
                "disable", null, false, false));
        s.leaks.report(List.of(new LeakReport(created.value(), "latchkey_api_key", "https://example.com/leak",
                "commit")), "IBMid-SCANNER01");
        AuditEvent leak = s.audited.get(s.audited.size() - 1);
        assertThat(leak.action()).isEqualTo("iam-identity.apikey.leak");
        assertThat(leak.actor()).isEqualTo("IBMid-SCANNER01");
        assertThat(leak.details()).containsEntry("action", "disabled").containsEntry("url", "https://example.com/leak");
    }
}
