package dev.latchkey.console.apikey;

import dev.latchkey.console.Access;
import dev.latchkey.console.ConsoleServices;
import dev.latchkey.console.Forms;
import dev.latchkey.console.Pages;
import dev.latchkey.console.Visit;
import dev.latchkey.console.audit.AuditPages;
import dev.latchkey.core.apikey.Activity;
import dev.latchkey.core.apikey.ApiKey;
import dev.latchkey.core.apikey.ApiKeyQuery;
import dev.latchkey.core.apikey.CreateApiKey;
import dev.latchkey.core.apikey.CreatedApiKey;
import dev.latchkey.core.apikey.KeyUsage;
import dev.latchkey.core.apikey.ListApiKeys;
import dev.latchkey.core.apikey.UpdateApiKey;
import dev.latchkey.core.classic.ClassicKeyService;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.EntityTag;
import dev.latchkey.core.common.ErrorCode;
import dev.latchkey.core.common.Filter;
import dev.latchkey.core.common.IamIds;
import dev.latchkey.core.common.Page;
import dev.latchkey.core.common.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Manage &gt; Access (IAM) &gt; API keys: the View filter, the key table, and create, edit, rotate, lock, disable and
 * delete, and one key's page with its daily usage.
 * Every listing and change is the API's own service call with the signed-in principal: a view the identity may not
 * use is not offered, and forcing it in the URL is the service's 403.
 */
public final class ApiKeyPages {
    private final ConsoleServices services;

    public ApiKeyPages(ConsoleServices services) {
        this.services = services;
    }

    public void register(Pages pages) {
        pages.get("/iam/apikeys", Access.SIGNED_IN, visit -> show(visit, 200, null, null, null, null));
        pages.post("/iam/apikeys", Access.SIGNED_IN, this::create);
        pages.get("/iam/apikeys/{id}", Access.SIGNED_IN, this::details);
        pages.post("/iam/apikeys/{id}/edit", Access.SIGNED_IN, this::edit);
        pages.post("/iam/apikeys/{id}/rotate", Access.SIGNED_IN, this::rotate);
        pages.post("/iam/apikeys/{id}/lock", Access.SIGNED_IN,
                visit -> change(visit, () -> services.apiKeys().setLocked(visit.principal(), visit.path("id"), true)));
        pages.post("/iam/apikeys/{id}/unlock", Access.SIGNED_IN,
                visit -> change(visit, () -> services.apiKeys().setLocked(visit.principal(), visit.path("id"), false)));
        pages.post("/iam/apikeys/{id}/disable", Access.SIGNED_IN,
                visit -> change(visit, () -> services.apiKeys().setDisabled(visit.principal(), visit.path("id"), true)));
        pages.post("/iam/apikeys/{id}/enable", Access.SIGNED_IN,
                visit -> change(visit, () -> services.apiKeys().setDisabled(visit.principal(), visit.path("id"), false)));
        pages.post("/iam/apikeys/{id}/delete", Access.SIGNED_IN,
                visit -> change(visit, () -> services.apiKeys().delete(visit.principal(), visit.path("id"))));
        pages.post("/iam/classic", Access.SIGNED_IN, visit -> {
            ClassicKeyService.View made = services.classicKeys().create(visit.principal());
            show(visit, 201, null, null, null, new ClassicSection.Shown(made.owner().email(), made.value().reveal()));
        });
        pages.post("/iam/classic/{id}/show", Access.SIGNED_IN, visit -> {
            ClassicKeyService.View key = services.classicKeys().get(visit.principal(), visit.path("id"));
            if (key.value() == null) {
                throw DomainException.forbidden("Only its owner can see a classic infrastructure key's value.");
            }
            show(visit, 200, null, null, null, new ClassicSection.Shown(key.owner().email(), key.value().reveal()));
        });
        pages.post("/iam/classic/{id}/delete", Access.SIGNED_IN,
                visit -> change(visit, () -> services.classicKeys().delete(visit.principal(), visit.path("id"))));
    }

    private void create(Visit visit) {
        Principal me = visit.principal();
        ApiKeysView.CreateForm typed = new ApiKeysView.CreateForm(visit.form("name"), visit.form("description"),
                visit.form("expires"), visit.form("action_when_leaked"), null);
        try {
            CreatedApiKey created = services.apiKeys().create(me, new CreateApiKey(typed.name(), me.iamId(),
                    typed.description(), me.accountId(), null, null, null, typed.leakAction(),
                    Forms.endOfDay(typed.expires(), "Expiration date"), false, false));
            ApiKey key = created.key();
            show(visit, 201, null, null, new ApiKeysView.Created(key.name(), key.description(), key.createdAt(),
                    created.value().reveal()), null);
        } catch (DomainException refused) {
            show(visit, 400, new ApiKeysView.CreateForm(typed.name(), typed.description(), typed.expires(),
                    typed.leakAction(), refused.getMessage()), null, null, null);
        }
    }

    /**
     * Rotation (decision 0032): the new value is in this POST's answer only (pages are never stored), shown once in
     * the same dialog as a new key's; the listing stays the one the form was sent from.
     */
    private void rotate(Visit visit) {
        long grace;
        try {
            grace = Long.parseLong(visit.form("grace") == null ? "0" : visit.form("grace"));
        } catch (NumberFormatException notANumber) {
            throw DomainException.invalid("Field 'grace_seconds' must be a whole number of seconds.");
        }
        CreatedApiKey rotated = services.apiKeys().rotate(visit.principal(), visit.path("id"), null, grace);
        ApiKey key = rotated.key();
        show(visit, 201, null, null, new ApiKeysView.Created(key.name(), key.description(), key.createdAt(),
                rotated.value().reveal(), key.previousHashUntil(), true), null);
    }

    private void edit(Visit visit) {
        String id = visit.path("id");
        String expires = visit.form("expires");
        boolean unchanged = expires == null ? visit.form("expires_was") == null
                : expires.equals(visit.form("expires_was"));
        UpdateApiKey update = new UpdateApiKey(visit.form("name") == null ? "" : visit.form("name"),
                visit.form("description") == null ? "" : visit.form("description"), null,
                visit.form("action_when_leaked"), unchanged || expires == null ? null
                : Forms.endOfDay(expires, "Expiration date"), !unchanged && expires == null);
        try {
            services.apiKeys().update(visit.principal(), id, visit.form("etag"), update);
            visit.redirect(back(visit));
        } catch (DomainException refused) {
            String message = refused.errorCode() == ErrorCode.ENTITY_TAG_MISMATCH
                    ? "Someone changed this API key after you opened it, so nothing was saved. Close this dialog and "
                    + "open it again to see the current values." : refused.getMessage();
            show(visit, refused.errorCode() == ErrorCode.ENTITY_TAG_MISMATCH ? 409 : 400, null,
                    new ApiKeysView.EditForm(id, message), null, null);
        }
    }

    private void change(Visit visit, Runnable action) {
        action.run();
        visit.redirect(back(visit));
    }

    private static String back(Visit visit) {
        return visit.back("/iam/apikeys", "/iam/apikeys");
    }

    private void show(Visit visit, int status, ApiKeysView.CreateForm create, ApiKeysView.EditForm edit,
                      ApiKeysView.Created created, ClassicSection.Shown classicShown) {
        Principal me = visit.principal();
        boolean manager = services.apiKeys().mayManageOthers(me, me.accountId());
        String view = create != null || created != null && !created.rotated() ? "mine" : classicShown != null ? "classic"
                : visit.query("view") == null ? "mine" : visit.query("view");
        List<ApiKeysView.Option> views = new ArrayList<>();
        views.add(new ApiKeysView.Option("mine", "My API keys", view.equals("mine")));
        if (manager) {
            views.add(new ApiKeysView.Option("users", "All user API keys", view.equals("users")));
        }
        if (services.apiKeys().mayListServiceIdKeys(me, me.accountId())) {
            views.add(new ApiKeysView.Option("serviceids", "All service ID API keys", view.equals("serviceids")));
        }
        if (!me.isServiceId()) {
            views.add(new ApiKeysView.Option("classic", "Classic infrastructure API keys", view.equals("classic")));
        }
        String search = visit.query("search");
        String sort = switch (visit.query("sort") == null ? "created_at" : visit.query("sort")) {
            case "name" -> "name";
            case "description" -> "description";
            default -> "created_at";
        };
        boolean descending = "desc".equals(visit.query("order"));
        int pageNumber = visit.page();
        String here = visit.here();
        String cannotCreate = me.isServiceId() ? "Service IDs do not create API keys here." : services.apiKeys()
                .whyNoOwnKey(me, me.accountId()).orElse(null);

        List<ApiKeysView.Row> rows = List.of();
        ClassicSection classic = null;
        boolean hasNext = false;
        if (view.equals("classic")) {
            List<ClassicSection.Row> classicRows = ClassicSection.rows(services.classicKeys(), me, null);
            classic = new ClassicSection(visit.session().csrfToken(), "/iam/classic", "/iam/apikeys?view=classic",
                    !me.isServiceId() && classicRows.stream().noneMatch(ClassicSection.Row::mine), classicRows,
                    classicShown);
        } else {
            ListApiKeys.Scope scope = view.equals("mine") ? ListApiKeys.Scope.ENTITY : ListApiKeys.Scope.ACCOUNT;
            ApiKeyQuery.KeyType type = switch (view) {
                case "mine" -> null;
                case "users" -> ApiKeyQuery.KeyType.USER;
                case "serviceids" -> ApiKeyQuery.KeyType.SERVICEID;
                default -> throw DomainException.invalid("There is no View '" + view + "'.");
            };
            Filter filter = search == null ? null
                    : new Filter.Comparison("name", Filter.Operator.CO_CI, search);
            Page<ApiKey> page = services.apiKeys().list(me, new ListApiKeys(me.accountId(), null, scope, type, filter,
                    ApiKeyQuery.SortField.valueOf(sort.toUpperCase(Locale.ROOT)), descending,
                    visit.offset(), Visit.PAGE_SIZE));
            hasNext = page.hasMore();
            Map<String, String> owners = new HashMap<>();
            Instant now = Instant.now();
            rows = page.items().stream().map(k -> row(me, k, owners, now)).toList();
        }
        visit.render(status, "apikeys.jte", new ApiKeysView(visit.chrome("API keys", "API keys"), view, views, search,
                sort, descending, pageNumber, hasNext, !view.equals("mine"), rows, classic, cannotCreate,
                create, created, edit, here));
    }

    /**
     * One key's page: its facts and a chart of its token exchanges per day over the last 30 days, or 90 with
     * {@code ?days=90} (any other value is the service's refusal). Whoever may view the key may open it; who may
     * also read the audit log gets a link to the key's events.
     */
    private void details(Visit visit) {
        Principal me = visit.principal();
        String days = visit.query("days");
        if (days != null && !days.matches("[0-9]{1,9}")) {
            throw DomainException.invalid("Parameter 'days' must be a whole number from 1 to "
                    + KeyUsage.RETENTION_DAYS + ".");
        }
        int span = days == null ? ApiKeyDetailsView.SPANS.getFirst() : Integer.parseInt(days);
        KeyUsage usage = services.apiKeys().usage(me, visit.path("id"), span);
        ApiKey key = services.apiKeys().get(me, usage.keyId());
        Instant now = Instant.now();
        Activity activity = services.apiKeys().activity(key.id());
        visit.render(200, "apikey/details.jte", new ApiKeyDetailsView(visit.chrome(key.name() + " · API keys",
                "API keys"), key.id(), key.name(), key.description(), ownerName(me, key.iamId()), key.iamId(),
                key.createdAt(), key.modifiedAt(), key.expiresAt(), activity.lastAuthn(), activity.authnCount(),
                ApiKeysView.statuses(key, services.leaks().wasReported(key), now), UsageChart.of(usage),
                AuditPages.mayRead(services, me) ? AuditPages.forTarget(key.id()) : null));
    }

    private ApiKeysView.Row row(Principal me, ApiKey key, Map<String, String> owners, Instant now) {
        List<String> statuses = ApiKeysView.statuses(key, services.leaks().wasReported(key), now);
        return new ApiKeysView.Row(key.id(), key.name(), key.description(),
                owners.computeIfAbsent(key.iamId(), iamId -> ownerName(me, iamId)), key.createdAt(), key.expiresAt(),
                services.apiKeys().activity(key.id()).lastAuthn(), statuses, key.locked(), key.disabled(),
                EntityTag.of(key.id(), key.version()), Forms.date(key.expiresAt()), key.actionWhenLeaked().wire());
    }

    /** A key owner's e-mail or service ID name, as far as the signed-in identity may read it; else its IAM ID. */
    private String ownerName(Principal me, String iamId) {
        try {
            if (IamIds.isServiceId(iamId)) {
                return services.serviceIds().get(me, IamIds.serviceIdOf(iamId)).name();
            }
            return services.users().get(me, me.accountId(), iamId).user().email();
        } catch (DomainException notVisible) {
            return iamId;
        }
    }
}
