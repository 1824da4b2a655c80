package dev.latchkey.core.activity;

import dev.latchkey.core.audit.AuditTarget;
import dev.latchkey.core.audit.AuditTrail;
import dev.latchkey.core.common.Transactor;
import java.util.Map;
import dev.latchkey.core.access.AccessDecider;
import dev.latchkey.core.access.Policy;
import dev.latchkey.core.access.Resource;
import dev.latchkey.core.activity.InactiveIdentity.Kind;

import dev.latchkey.core.apikey.ActivityRecorder;
import dev.latchkey.core.apikey.ApiKey;
import dev.latchkey.core.apikey.ApiKeyQuery;
import dev.latchkey.core.apikey.ApiKeyStore;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.IamIds;
import dev.latchkey.core.common.Ids;
import dev.latchkey.core.common.Keyset;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.identity.Membership;
import dev.latchkey.core.identity.User;
import dev.latchkey.core.identity.UserStore;
import dev.latchkey.core.serviceid.ServiceId;
import dev.latchkey.core.serviceid.ServiceIdQuery;
import dev.latchkey.core.serviceid.ServiceIdStore;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Makes and reads an account's inactive-identities reports (IBM's activity reports). A report is computed when it
 * is asked for and stored as of that moment; an identity is inactive when its last authentication is before the
 * report's start or it never authenticated. A user's and a service ID's last authentication is the latest of
 * their API keys in the account. Both calls need {@value #ACTION} on the account's IAM Identity service. Thread-safe.
 */
public final class ActivityReportService {
    public static final String ACTION = "iam-identity.account.get";
    public static final String TYPE_INACTIVE = "inactive";
    public static final int DEFAULT_DURATION_HOURS = 720;
    public static final int MAX_DURATION_HOURS = 8760;
    /** Reports kept per account; making one more deletes the oldest. */
    public static final int KEPT_PER_ACCOUNT = 10;
    public static final String LATEST = "latest";
    /** How many keys, members or service IDs the report reads at a time. */
    static final int PAGE = 200;

    private final ActivityReportStore store;
    private final ApiKeyStore keys;
    private final ActivityRecorder activity;
    private final ServiceIdStore serviceIds;
    private final UserStore users;
    private final AccessDecider access;
    private final Ids ids;
    private final Clock clock;
    private final Transactor tx;
    private final AuditTrail audit;

    public ActivityReportService(ActivityReportStore store, ApiKeyStore keys, ActivityRecorder activity,
                                 ServiceIdStore serviceIds, UserStore users, AccessDecider access, Ids ids,
                                 Clock clock, Transactor tx, AuditTrail audit) {
        this.tx = tx;
        this.audit = audit;
        this.store = store;
        this.keys = keys;
        this.activity = activity;
        this.serviceIds = serviceIds;
        this.users = users;
        this.access = access;
        this.ids = ids;
        this.clock = clock;
    }

    /**
     * Makes a report of {@code type} (null: inactive) over {@code duration} hours (null: 720) and stores it.
     *
     * @return the stored report; its reference is what {@link #get} takes
     */
    public ActivityReport create(Principal caller, String accountId, String type, String duration) {
        requireAllowed(caller, accountId);
        if (type != null && !type.equals(TYPE_INACTIVE)) {
            throw DomainException.invalid("The report type '" + type + "' is not supported; the only type is '"
                    + TYPE_INACTIVE + "'.");
        }
        int hours = hours(duration);
        Instant end = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Instant start = ActivityReport.startOf(end, hours);
        ActivityReport report = new ActivityReport(ids.uuid(), accountId, caller.iamId(), hours, start, end,
                inactive(accountId, start));
        tx.inTransaction(() -> {
            store.insert(report, KEPT_PER_ACCOUNT);
            audit.record(caller, accountId, "iam-identity.report.create",
                    AuditTarget.of("activity_report", report.reference(), TYPE_INACTIVE),
                    Map.of("duration_hours", Integer.toString(hours), "inactive", Integer.toString(report.inactive().size())));
            return null;
        });
        return report;
    }

    /** The report with {@code reference} in the account, or its latest for {@value #LATEST}; 404 otherwise. */
    public ActivityReport get(Principal caller, String accountId, String reference) {
        requireAllowed(caller, accountId);
        Optional<ActivityReport> report = LATEST.equals(reference) ? store.latest(accountId)
                : store.find(accountId, reference);
        return report.orElseThrow(() -> DomainException.notFound("Report", reference));
    }

    static int hours(String duration) {
        if (duration == null) {
            return DEFAULT_DURATION_HOURS;
        }
        if (!duration.matches("[0-9]{1,5}") || Integer.parseInt(duration) < 1
                || Integer.parseInt(duration) > MAX_DURATION_HOURS) {
            throw DomainException.invalid("duration must be a whole number of hours from 1 to " + MAX_DURATION_HOURS
                    + ", not '" + duration + "'.");
        }
        return Integer.parseInt(duration);
    }

    private void requireAllowed(Principal caller, String accountId) {
        access.require(caller, ACTION, Resource.service(accountId, Policy.IAM_IDENTITY),
                "see the account's activity reports");
    }

    private List<InactiveIdentity> inactive(String accountId, Instant start) {
        Map<String, Instant> lastByIdentity = new HashMap<>();
        List<InactiveIdentity> inactiveKeys = new ArrayList<>();
        ApiKeyQuery keysByCreation = new ApiKeyQuery(accountId, null, null, null, ApiKeyQuery.SortField.CREATED_AT,
                false, 0, PAGE);
        for (ApiKey key : Keyset.walk((ApiKey previous) -> keys.list(keysByCreation.seeking(
                previous == null ? null : ApiKeyQuery.After.of(keysByCreation.sort(), previous), false, PAGE)))) {
            Instant last = activity.activity(key.id()).lastAuthn();
            if (last != null) {
                lastByIdentity.merge(key.iamId(), last, (a, b) -> a.isAfter(b) ? a : b);
            }
            if (isInactive(last, start)) {
                inactiveKeys.add(keyLine(key, last));
            }
        }
        List<InactiveIdentity> lines = new ArrayList<>();
        for (Membership member : Keyset.walk((Membership previous) -> users.members(accountId,
                previous == null ? null : previous.position(), 0, PAGE))) {
            Instant last = lastByIdentity.get(member.iamId());
            if (member.isActive() && isInactive(last, start)) {
                Optional<User> user = users.find(member.iamId());
                lines.add(new InactiveIdentity(Kind.USER, member.iamId(), user.map(User::name).orElse(null), null,
                        null, user.map(User::email).orElse(null), last));
            }
        }
        lines.addAll(inactiveKeys);
        ServiceIdQuery serviceIdsByCreation = new ServiceIdQuery(accountId, null, null,
                ServiceIdQuery.SortField.CREATED_AT, false, 0, PAGE);
        for (ServiceId serviceId : Keyset.walk((ServiceId previous) -> serviceIds.list(serviceIdsByCreation.seeking(
                previous == null ? null : ServiceIdQuery.After.of(serviceIdsByCreation.sort(), previous), false,
                PAGE)))) {
            Instant last = lastByIdentity.get(serviceId.iamId());
            if (isInactive(last, start)) {
                lines.add(new InactiveIdentity(Kind.SERVICEID, serviceId.id(), serviceId.name(), null, null, null,
                        last));
            }
        }
        return lines;
    }

    private InactiveIdentity keyLine(ApiKey key, Instant last) {
        if (key.isServiceIdKey()) {
            Optional<ServiceId> owner = serviceIds.find(IamIds.serviceIdOf(key.iamId()));
            return new InactiveIdentity(Kind.SERVICEID_APIKEY, key.id(), key.name(),
                    owner.map(ServiceId::id).orElse(null), owner.map(ServiceId::name).orElse(null), null, last);
        }
        Optional<User> owner = users.find(key.iamId());
        return new InactiveIdentity(Kind.USER_APIKEY, key.id(), key.name(), key.iamId(),
                owner.map(User::name).orElse(null), owner.map(User::email).orElse(null), last);
    }

    /** Inactive: never authenticated, or last before the report's start. */
    static boolean isInactive(Instant lastAuthn, Instant start) {
        return lastAuthn == null || lastAuthn.isBefore(start);
    }
}
