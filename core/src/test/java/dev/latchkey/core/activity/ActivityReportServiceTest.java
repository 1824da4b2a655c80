package dev.latchkey.core.activity;

import static dev.latchkey.core.InMemoryServices.ACCOUNT;
import static dev.latchkey.core.InMemoryServices.OWNER;
import static dev.latchkey.core.InMemoryServices.STRANGER;
import static dev.latchkey.core.InMemoryServices.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.latchkey.core.InMemoryServices;
import dev.latchkey.core.access.Role;
import dev.latchkey.core.activity.InactiveIdentity.Kind;
import dev.latchkey.core.apikey.ApiKey;
import dev.latchkey.core.apikey.CreateApiKey;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.ErrorCode;
import dev.latchkey.core.common.HistoryEntry;
import dev.latchkey.core.common.IamIds;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.serviceid.ServiceId;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class ActivityReportServiceTest {
    final InMemoryServices s = new InMemoryServices();
    final ActivityReportService reports = s.activityReports;
    final Principal alice = s.member("IBMid-ALICE00001");

    ApiKey userKey(String name, Principal who) {
        return s.apiKeys.create(who, new CreateApiKey(name, who.iamId(), null, null, null, null, null, null, null,
                false, false)).key();
    }

    ApiKey serviceIdKey(String name, ServiceId serviceId) {
        return s.apiKeys.create(OWNER, new CreateApiKey(name, serviceId.iamId(), null, null, null, null, null, null,
                null, false, false)).key();
    }

    ServiceId serviceId(String uuid) {
        String id = "ServiceId-" + uuid;
        ServiceId serviceId = new ServiceId(id, IamIds.ofServiceId(id), ACCOUNT, "svc " + uuid, null, List.of(), false,
                T0, T0, OWNER.iamId(), 1);
        s.stores.serviceIds.insert(serviceId, new HistoryEntry(T0, OWNER.iamId(), ACCOUNT, "create", List.of(), "m"));
        return serviceId;
    }

    static void refused(ErrorCode code, ThrowingCallable call) {
        assertThatThrownBy(call).isInstanceOfSatisfying(DomainException.class,
                e -> assertThat(e.errorCode()).isEqualTo(code));
    }

    @Test
    void anIdentityIsInactiveWhenItsLastAuthenticationIsBeforeTheStartOrNever() {
        ApiKey old = userKey("old", alice);
        ApiKey fresh = userKey("fresh", OWNER);
        ServiceId quiet = serviceId("00000000-0000-0000-0000-000000000001");
        ServiceId busy = serviceId("00000000-0000-0000-0000-000000000002");
        ApiKey quietKey = serviceIdKey("quiet key", quiet);
        ApiKey busyKey = serviceIdKey("busy key", busy);
        s.activity.record(old.id(), T0);
        s.clock.advance(Duration.ofDays(40));
        s.activity.record(fresh.id(), s.clock.instant().minus(Duration.ofDays(29)));
        s.activity.record(busyKey.id(), s.clock.instant().minusSeconds(1));

        ActivityReport report = reports.create(OWNER, ACCOUNT, null, null);

        assertThat(report.durationHours()).isEqualTo(720);
        assertThat(report.startTime()).isEqualTo(report.endTime().minus(Duration.ofDays(30)));
        assertThat(report.createdBy()).isEqualTo(OWNER.iamId());
        assertThat(report.inactive()).extracting(InactiveIdentity::kind, InactiveIdentity::id,
                        InactiveIdentity::ownerId, InactiveIdentity::lastAuthn)
                .containsExactlyInAnyOrder(
                        tuple(Kind.USER, alice.iamId(), null, T0),
                        tuple(Kind.USER_APIKEY, old.id(), alice.iamId(), T0),
                        tuple(Kind.SERVICEID_APIKEY, quietKey.id(), quiet.id(), null),
                        tuple(Kind.SERVICEID, quiet.id(), null, null));
        assertThat(reports.get(OWNER, ACCOUNT, report.reference())).isEqualTo(report);
        assertThat(reports.get(OWNER, ACCOUNT, "latest")).isEqualTo(report);
    }

    /**
     * An account with more members, service IDs and keys than the report reads in one page, all made at the same
     * time: each is reported once, as the report walks the listings page after page.
     */
    @Test
    void anAccountLargerThanAPageIsReportedWholeAndOnce() {
        int many = ActivityReportService.PAGE * 2 + 7;
        for (int i = 0; i < many; i++) {
            s.member(String.format("IBMid-MANY%06d", (i * 101) % many));
            serviceIdKey("key " + i, serviceId(String.format("00000000-0000-0000-0000-%012d", (i * 103) % many)));
        }
        s.clock.advance(Duration.ofDays(40));

        ActivityReport report = reports.create(OWNER, ACCOUNT, null, null);

        for (Kind kind : new Kind[] {Kind.USER, Kind.SERVICEID, Kind.SERVICEID_APIKEY}) {
            List<String> ids = report.of(kind).stream().map(InactiveIdentity::id).toList();
            assertThat(ids).as(kind.name()).doesNotHaveDuplicates()
                    .hasSize(kind == Kind.USER ? many + 2 : many); // the owner and alice are members too
        }
    }

    @Test
    void aShorterDurationFindsTheMoreRecentlyUsedInactiveToo() {
        ApiKey key = userKey("used yesterday", OWNER);
        s.activity.record(key.id(), T0);
        s.clock.advance(Duration.ofHours(25));

        assertThat(reports.create(OWNER, ACCOUNT, "inactive", "720").of(Kind.USER_APIKEY)).isEmpty();
        assertThat(reports.create(OWNER, ACCOUNT, "inactive", "24").of(Kind.USER_APIKEY))
                .extracting(InactiveIdentity::id).containsExactly(key.id());
    }

    @Test
    void aReportStaysAsOfItsTimeWhenTheKeysAreUsedLater() {
        ApiKey key = userKey("idle", OWNER);
        ActivityReport before = reports.create(OWNER, ACCOUNT, null, "1");
        s.activity.record(key.id(), s.clock.instant());

        assertThat(reports.get(OWNER, ACCOUNT, before.reference()).of(Kind.USER_APIKEY))
                .extracting(InactiveIdentity::id).containsExactly(key.id());
    }

    @Test
    void anAccountKeepsItsTenNewestReports() {
        ActivityReport first = reports.create(OWNER, ACCOUNT, null, null);
        for (int i = 0; i < ActivityReportService.KEPT_PER_ACCOUNT; i++) {
            s.clock.advance(Duration.ofMinutes(1));
            reports.create(OWNER, ACCOUNT, null, null);
        }
        refused(ErrorCode.NOT_FOUND, () -> reports.get(OWNER, ACCOUNT, first.reference()));
    }

    @Test
    void badTypeOrDurationIsRefusedAndNothingIsStored() {
        for (String duration : List.of("0", "-1", "8761", "30d", "", "1.5", "99999999999")) {
            refused(ErrorCode.INVALID_REQUEST, () -> reports.create(OWNER, ACCOUNT, null, duration));
        }
        refused(ErrorCode.INVALID_REQUEST, () -> reports.create(OWNER, ACCOUNT, "active", null));
        refused(ErrorCode.NOT_FOUND, () -> reports.get(OWNER, ACCOUNT, "latest"));
    }

    @Test
    void onlyThoseWhoMayViewTheAccountSettingsMayMakeOrReadReports() {
        ActivityReport report = reports.create(OWNER, ACCOUNT, null, null);
        Principal viewer = s.member("IBMid-VIEWER0001");
        s.grantOnIdentity(viewer, Role.VIEWER);
        Principal operator = s.member("IBMid-OPERATOR01");
        s.grantOnIdentity(operator, Role.OPERATOR);

        for (Principal refusedCaller : List.of(alice, viewer, STRANGER)) {
            refused(ErrorCode.FORBIDDEN, () -> reports.create(refusedCaller, ACCOUNT, null, null));
            refused(ErrorCode.FORBIDDEN, () -> reports.get(refusedCaller, ACCOUNT, report.reference()));
        }
        assertThat(reports.get(operator, ACCOUNT, report.reference())).isEqualTo(report);
        refused(ErrorCode.NOT_FOUND, () -> reports.get(STRANGER, STRANGER.accountId(), report.reference()));
    }
}
