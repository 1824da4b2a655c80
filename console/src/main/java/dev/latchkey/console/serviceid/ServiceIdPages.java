package dev.latchkey.console.serviceid;

import dev.latchkey.console.Access;
import dev.latchkey.console.ConsoleServices;
import dev.latchkey.console.Forms;
import dev.latchkey.console.Pages;
import dev.latchkey.console.Visit;
import dev.latchkey.console.audit.AuditPages;
import dev.latchkey.console.access.AccessPages;
import dev.latchkey.console.apikey.ApiKeysView;
import dev.latchkey.core.apikey.ApiKey;
import dev.latchkey.core.apikey.ApiKeyQuery;
import dev.latchkey.core.apikey.CreateApiKey;
import dev.latchkey.core.apikey.CreatedApiKey;
import dev.latchkey.core.apikey.ListApiKeys;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.EntityTag;
import dev.latchkey.core.common.ErrorCode;
import dev.latchkey.core.common.Filter;
import dev.latchkey.core.common.IamIds;
import dev.latchkey.core.common.Page;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.common.Secret;
import dev.latchkey.core.serviceid.CreateServiceId;
import dev.latchkey.core.serviceid.ListServiceIds;
import dev.latchkey.core.serviceid.ServiceId;
import dev.latchkey.core.serviceid.ServiceIdGroup;
import dev.latchkey.core.serviceid.ServiceIdQuery;
import dev.latchkey.core.serviceid.UpdateServiceId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Manage &gt; Access (IAM) &gt; Service IDs: the list (search, narrow to a group, sort, paging, create, lock,
 * delete) and each service ID's details page with its API keys and its Access. Every listing and change is the
 * API's own service call with the signed-in principal; an action the identity may not take is not offered, and
 * forcing it is the service's refusal.
 */
public final class ServiceIdPages {
    static final int KEYS_SHOWN = 100;
    private final ConsoleServices services;
    private final AccessPages access;

    public ServiceIdPages(ConsoleServices services, AccessPages access) {
        this.services = services;
        this.access = access;
        access.host("/iam/serviceids/", (visit, subjectIamId, status, outcome) -> {
            if (!IamIds.isServiceId(subjectIamId)) {
                throw DomainException.invalid("'" + subjectIamId + "' is not the IAM ID of a service ID.");
            }
            details(visit, IamIds.serviceIdOf(subjectIamId), status, "access", new Extra(null, null, null, null),
                    outcome);
        });
    }

    public void register(Pages pages) {
        pages.get("/iam/serviceids", Access.SIGNED_IN, visit -> list(visit, 200, null));
        pages.post("/iam/serviceids", Access.SIGNED_IN, this::create);
        pages.get("/iam/serviceids/{id}", Access.SIGNED_IN, visit -> details(visit, visit.path("id"), 200,
                tab(visit.query("tab")), new Extra(null, null, null, null), null));
        pages.post("/iam/serviceids/{id}/edit", Access.SIGNED_IN, this::edit);
        pages.post("/iam/serviceids/{id}/lock", Access.SIGNED_IN, visit -> change(visit,
                me -> services.serviceIds().setLocked(me, visit.path("id"), true)));
        pages.post("/iam/serviceids/{id}/unlock", Access.SIGNED_IN, visit -> change(visit,
                me -> services.serviceIds().setLocked(me, visit.path("id"), false)));
        pages.post("/iam/serviceids/{id}/delete", Access.SIGNED_IN, visit -> {
            services.serviceIds().delete(visit.principal(), visit.path("id"));
            visit.redirect("/iam/serviceids");
        });
        pages.post("/iam/serviceids/{id}/apikeys", Access.SIGNED_IN, this::createKey);
        pages.post("/iam/serviceids/{id}/apikeys/{key}/show", Access.SIGNED_IN, this::showKey);
        pages.post("/iam/serviceids/{id}/apikeys/{key}/lock", Access.SIGNED_IN,
                visit -> keyChange(visit, (me, key) -> services.apiKeys().setLocked(me, key, true)));
        pages.post("/iam/serviceids/{id}/apikeys/{key}/unlock", Access.SIGNED_IN,
                visit -> keyChange(visit, (me, key) -> services.apiKeys().setLocked(me, key, false)));
        pages.post("/iam/serviceids/{id}/apikeys/{key}/disable", Access.SIGNED_IN,
                visit -> keyChange(visit, (me, key) -> services.apiKeys().setDisabled(me, key, true)));
        pages.post("/iam/serviceids/{id}/apikeys/{key}/enable", Access.SIGNED_IN,
                visit -> keyChange(visit, (me, key) -> services.apiKeys().setDisabled(me, key, false)));
        pages.post("/iam/serviceids/{id}/apikeys/{key}/delete", Access.SIGNED_IN,
                visit -> keyChange(visit, (me, key) -> services.apiKeys().delete(me, key)));
    }

    // ---- the list ----

    private void list(Visit visit, int status, ServiceIdsView.CreateForm create) {
        Principal me = visit.principal();
        String search = visit.query("search");
        String sort = switch (visit.query("sort") == null ? "name" : visit.query("sort")) {
            case "description" -> "description";
            case "created_at" -> "created_at";
            default -> "name";
        };
        boolean descending = "desc".equals(visit.query("order"));
        int pageNumber = visit.page();
        Filter filter = search == null ? null : new Filter.Comparison("name", Filter.Operator.CO_CI, search);
        String group = visit.query("group");
        Page<ServiceId> page = services.serviceIds().listVisible(me, new ListServiceIds(null, null, filter,
                ServiceIdQuery.SortField.valueOf(sort.toUpperCase(Locale.ROOT)), descending,
                visit.offset(), Visit.PAGE_SIZE, group));
        List<ServiceIdView.GroupChoice> groups = services.serviceIdGroups().mayList(me, me.accountId())
                ? services.serviceIdGroups().list(me, me.accountId()).stream()
                .map(g -> new ServiceIdView.GroupChoice(g.id(), g.name())).toList() : null;
        List<ServiceIdsView.Row> rows = page.items().stream().map(s -> new ServiceIdsView.Row(s.id(), s.name(),
                s.description(), s.createdAt(), s.locked(), services.serviceIds().mayChange(me, s),
                services.serviceIds().mayDelete(me, s))).toList();
        String here = visit.here();
        visit.render(status, "serviceids.jte", new ServiceIdsView(visit.chrome("Service IDs", "Service IDs"), search,
                group, groups, sort, descending, pageNumber, page.hasMore(), rows,
                services.serviceIds().whyNoCreate(me).orElse(null), create, here));
    }

    private void create(Visit visit) {
        String name = visit.form("name");
        String description = visit.form("description");
        try {
            ServiceId made = services.serviceIds().create(visit.principal(), new CreateServiceId(null, name,
                    description, null, null, false)).serviceId();
            visit.redirect("/iam/serviceids/" + made.id());
        } catch (DomainException refused) {
            list(visit, 400, new ServiceIdsView.CreateForm(name, description, refused.getMessage()));
        }
    }

    private void change(Visit visit, Consumer<Principal> action) {
        action.accept(visit.principal());
        visit.redirect(back(visit, visit.path("id")));
    }

    /** A form's way back: a service IDs page, else this service ID's details. */
    private static String back(Visit visit, String id) {
        return visit.back("/iam/serviceids", "/iam/serviceids/" + id);
    }

    // ---- the details page ----

    private record Extra(ServiceIdView.KeyForm keyForm, ApiKeysView.Created created, ServiceIdView.Shown shown,
                         String editError) {
    }

    private static String tab(String tab) {
        return tab == null ? "details" : switch (tab) {
            case "apikeys", "access" -> tab;
            default -> "details";
        };
    }

    private void details(Visit visit, String id, int status, String tab, Extra extra, AccessPages.Outcome outcome) {
        Principal me = visit.principal();
        ServiceId sid = services.serviceIds().get(me, id);
        boolean mayChange = services.serviceIds().mayChange(me, sid);
        List<ServiceIdView.KeyRow> keys = null;
        boolean moreKeys = false;
        if (tab.equals("apikeys") && services.apiKeys().mayManageKeysOf(me, sid.accountId(), sid.iamId())) {
            Page<ApiKey> page = services.apiKeys().list(me, new ListApiKeys(sid.accountId(), sid.iamId(),
                    ListApiKeys.Scope.ENTITY, ApiKeyQuery.KeyType.SERVICEID, null, ApiKeyQuery.SortField.CREATED_AT,
                    false, 0, KEYS_SHOWN));
            Instant now = Instant.now();
            keys = page.items().stream().map(k -> keyRow(k, now)).toList();
            moreKeys = page.hasMore();
        }
        var section = tab.equals("access") ? access.section(visit, sid.iamId(), sid.name(),
                "/iam/serviceids/" + sid.id() + "?tab=access", outcome) : null;
        List<ServiceIdGroup> groups = services.serviceIdGroups().mayList(me, sid.accountId())
                ? services.serviceIdGroups().list(me, sid.accountId()) : null;
        String group = sid.groupId() == null ? null : groups == null ? sid.groupId() : groups.stream()
                .filter(g -> g.id().equals(sid.groupId())).map(ServiceIdGroup::name).findFirst().orElse(sid.groupId());
        visit.render(status, "serviceid/details.jte", new ServiceIdView(visit.chrome(sid.name() + " · Service IDs",
                "Service IDs"), tab, sid.id(), sid.iamId(), sid.name(), sid.description(), sid.createdAt(),
                sid.modifiedAt(), sid.locked(), EntityTag.of(sid.id(), sid.version()), mayChange,
                services.serviceIds().mayDelete(me, sid), keys, moreKeys, extra.keyForm(), extra.created(),
                extra.shown(), extra.editError(), section,
                AuditPages.mayRead(services, me) ? AuditPages.forTarget(sid.id()) : null, group,
                sid.groupId() == null ? "" : sid.groupId(), mayChange ? groupChoices(me, sid, groups) : null));
    }

    /**
     * The groups the edit dialog offers: those the service may move this service ID into, when it may also take it
     * out of its present group; null (no choice) when the viewer may not list the groups or not leave that one.
     */
    private List<ServiceIdView.GroupChoice> groupChoices(Principal me, ServiceId sid, List<ServiceIdGroup> groups) {
        if (groups == null || groups.stream().anyMatch(g -> g.id().equals(sid.groupId())
                && !services.serviceIds().mayMoveThrough(me, g))) {
            return null;
        }
        return groups.stream().filter(g -> g.id().equals(sid.groupId()) || services.serviceIds().mayMoveThrough(me, g))
                .map(g -> new ServiceIdView.GroupChoice(g.id(), g.name())).toList();
    }

    private ServiceIdView.KeyRow keyRow(ApiKey key, Instant now) {
        List<String> statuses = new ArrayList<>();
        if (key.disabled()) {
            statuses.add("Disabled");
        }
        if (key.locked()) {
            statuses.add("Locked");
        }
        if (key.isExpired(now)) {
            statuses.add("Expired");
        }
        if (services.leaks().wasReported(key)) {
            statuses.add("Leaked");
        }
        if (statuses.isEmpty()) {
            statuses.add("Active");
        }
        return new ServiceIdView.KeyRow(key.id(), key.name(), key.description(), key.createdAt(), key.expiresAt(),
                statuses, key.locked(), key.disabled(), services.apiKeys().hasStoredValue(key));
    }

    /** The edit dialog: name and description always; the group only when the dialog offered it and it changed. */
    private void edit(Visit visit) {
        String id = visit.path("id");
        String group = visit.form("group");
        if (group != null && group.equals(visit.form("group_before"))) {
            group = null;
        }
        try {
            services.serviceIds().update(visit.principal(), id, visit.form("etag"), new UpdateServiceId(
                    visit.form("name") == null ? "" : visit.form("name"),
                    visit.form("description") == null ? "" : visit.form("description"), null, group));
            visit.redirect("/iam/serviceids/" + id);
        } catch (DomainException refused) {
            if (refused.errorCode() == ErrorCode.FORBIDDEN) {
                throw refused; // the error page, as for any page the identity may not use
            }
            String message = refused.errorCode() == ErrorCode.ENTITY_TAG_MISMATCH
                    ? "Someone changed this service ID after you opened it, so nothing was saved. Close this dialog "
                    + "and open it again to see the current values." : refused.getMessage();
            details(visit, id, refused.errorCode() == ErrorCode.ENTITY_TAG_MISMATCH ? 409 : 400, "details",
                    new Extra(null, null, null, message), null);
        }
    }

    private void createKey(Visit visit) {
        Principal me = visit.principal();
        ServiceId sid = services.serviceIds().get(me, visit.path("id"));
        ServiceIdView.KeyForm typed = new ServiceIdView.KeyForm(visit.form("name"), visit.form("description"),
                visit.form("expires"), visit.form("action_when_leaked"), visit.form("store_value") != null, null);
        try {
            CreatedApiKey created = services.apiKeys().create(me, new CreateApiKey(typed.name(), sid.iamId(),
                    typed.description(), me.accountId(), null, typed.store(), null, typed.leakAction(),
                    Forms.endOfDay(typed.expires(), "Expiration date"), false, false));
            ApiKey key = created.key();
            details(visit, sid.id(), 201, "apikeys", new Extra(null, new ApiKeysView.Created(key.name(),
                    key.description(), key.createdAt(), created.value().reveal()), null, null), null);
        } catch (DomainException refused) {
            details(visit, sid.id(), 400, "apikeys", new Extra(new ServiceIdView.KeyForm(typed.name(),
                    typed.description(), typed.expires(), typed.leakAction(), typed.store(), refused.getMessage()),
                    null, null, null), null);
        }
    }

    /** A key of this service ID, as far as the signed-in identity may see it (the key service decides). */
    private ApiKey keyOf(Visit visit, ServiceId sid) {
        String keyId = visit.path("key");
        ApiKey key = services.apiKeys().get(visit.principal(), keyId);
        if (!key.iamId().equals(sid.iamId())) {
            throw DomainException.notFound("ApiKey", keyId);
        }
        return key;
    }

    private void showKey(Visit visit) {
        ServiceId sid = services.serviceIds().get(visit.principal(), visit.path("id"));
        ApiKey key = keyOf(visit, sid);
        Secret value = services.apiKeys().storedValue(key).orElseThrow(() -> DomainException.invalid(
                "The value of API key " + key.name() + " was not saved when it was created, so it cannot be shown."));
        details(visit, sid.id(), 200, "apikeys", new Extra(null, null, new ServiceIdView.Shown(key.name(),
                value.reveal()), null), null);
    }

    @FunctionalInterface
    private interface KeyAction {
        void run(Principal me, String keyId);
    }

    private void keyChange(Visit visit, KeyAction action) {
        ServiceId sid = services.serviceIds().get(visit.principal(), visit.path("id"));
        ApiKey key = keyOf(visit, sid);
        action.run(visit.principal(), key.id());
        visit.redirect("/iam/serviceids/" + sid.id() + "?tab=apikeys");
    }
}
