package dev.latchkey.http.activity;

import dev.latchkey.core.activity.ActivityReport;
import dev.latchkey.core.activity.ActivityReportService;
import dev.latchkey.core.activity.InactiveIdentity;
import dev.latchkey.core.activity.InactiveIdentity.Kind;
import dev.latchkey.core.common.Principal;
import dev.latchkey.http.Audience;
import dev.latchkey.http.IbmDates;
import dev.latchkey.http.Json;
import dev.latchkey.http.RouteTable;
import io.javalin.http.Context;
import java.util.List;

/**
 * IBM IAM Identity's activity reports: {@code POST /v1/activity/accounts/{account_id}/report} makes an
 * inactive-identities report and answers 202 with its {@code reference}; {@code GET .../report/{reference}} (or
 * {@code latest}) answers it as IBM's {@code Report}. Who may do either is decided in {@link ActivityReportService}.
 */
public final class ActivityRoutes {
    static final String REPORT = "/v1/activity/accounts/{account_id}/report";
    static final String ONE_REPORT = REPORT + "/{reference}";

    private final ActivityReportService service;

    public ActivityRoutes(ActivityReportService service) {
        this.service = service;
    }

    public void register(RouteTable routes) {
        routes.post(REPORT, Audience.AUTHENTICATED, this::create);
        routes.get(ONE_REPORT, Audience.AUTHENTICATED, this::get);
    }

    private void create(Context ctx, Principal caller) {
        ActivityReport report = service.create(caller, ctx.pathParam("account_id"), ctx.queryParam("type"),
                ctx.queryParam("duration"));
        Json.send(ctx, 202, new ReferenceWire(report.reference()));
    }

    private void get(Context ctx, Principal caller) {
        Json.send(ctx, 200, ReportWire.of(service.get(caller, ctx.pathParam("account_id"),
                ctx.pathParam("reference"))));
    }

    /** IBM's {@code ReportReference}. */
    record ReferenceWire(String reference) {
    }

    /** IBM's {@code Report}: the duration is a string of hours, as IBM sends it; every list always present. */
    record ReportWire(String createdBy, String reference, String reportDuration, String reportStartTime,
                      String reportEndTime, List<UserActivityWire> users, List<ApikeyActivityWire> apikeys,
                      List<ServiceIdActivityWire> serviceids) {

        static ReportWire of(ActivityReport r) {
            return new ReportWire(r.createdBy(), r.reference(), Integer.toString(r.durationHours()),
                    IbmDates.format(r.startTime()), IbmDates.format(r.endTime()),
                    r.of(Kind.USER).stream().map(UserActivityWire::of).toList(),
                    r.of(Kind.USER_APIKEY, Kind.SERVICEID_APIKEY).stream().map(ApikeyActivityWire::of).toList(),
                    r.of(Kind.SERVICEID).stream().map(ServiceIdActivityWire::of).toList());
        }
    }

    /** IBM's {@code UserActivity}; Latchkey's user name is the e-mail address. */
    record UserActivityWire(String iamId, String name, String username, String email, String lastAuthn) {
        static UserActivityWire of(InactiveIdentity i) {
            return new UserActivityWire(i.id(), i.name(), i.email(), i.email(), lastAuthnOf(i));
        }
    }

    /** IBM's {@code ApikeyActivity}: {@code type} is {@code user} or {@code serviceid}, with that owner. */
    record ApikeyActivityWire(String id, String name, String type, OwnerWire serviceid, UserOwnerWire user,
                              String lastAuthn) {
        static ApikeyActivityWire of(InactiveIdentity i) {
            boolean serviceId = i.kind() == Kind.SERVICEID_APIKEY;
            return new ApikeyActivityWire(i.id(), i.name(), serviceId ? "serviceid" : "user",
                    serviceId ? new OwnerWire(i.ownerId(), i.ownerName()) : null,
                    serviceId ? null : new UserOwnerWire(i.ownerId(), i.ownerName(), i.email(), i.email()),
                    lastAuthnOf(i));
        }
    }

    record OwnerWire(String id, String name) {
    }

    record UserOwnerWire(String iamId, String name, String username, String email) {
    }

    /** IBM's {@code ServiceIdActivity}. */
    record ServiceIdActivityWire(String id, String name, String lastAuthn) {
        static ServiceIdActivityWire of(InactiveIdentity i) {
            return new ServiceIdActivityWire(i.id(), i.name(), lastAuthnOf(i));
        }
    }

    /** Absent when the identity never authenticated, as IBM leaves it out. */
    private static String lastAuthnOf(InactiveIdentity i) {
        return i.lastAuthn() == null ? null : IbmDates.format(i.lastAuthn());
    }
}
