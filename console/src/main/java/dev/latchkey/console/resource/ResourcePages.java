package dev.latchkey.console.resource;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.latchkey.console.Access;
import dev.latchkey.console.ConsoleServices;
import dev.latchkey.console.Pages;
import dev.latchkey.console.Visit;
import dev.latchkey.core.access.Role;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.Page;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.resource.CreateResourceInstance;
import dev.latchkey.core.resource.CreateResourceKey;
import dev.latchkey.core.resource.Credentials;
import dev.latchkey.core.resource.ResourceFilter;
import dev.latchkey.core.resource.ResourceInstance;
import dev.latchkey.core.resource.ResourceKey;
import dev.latchkey.core.resource.ResourceKeyView;
import dev.latchkey.core.resource.ResourceState;
import dev.latchkey.http.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Resource list: the account's service instances the signed-in identity may see, grouped by service, "Create
 * resource", and an instance's page with its "Service credentials" (resource keys): list, "New credential", the
 * credential's JSON on request (in the answer to a POST, never in a URL), delete. Every call is
 * {@code ResourceService}'s with the signed-in principal.
 */
public final class ResourcePages {
    /** The list shows at most this many instances; past that it says so. */
    static final int MAX_LISTED = 1000;
    private static final int BATCH = 200;
    /** How many plans of the catalogue the create dialog suggests; any other plan id can still be typed. */
    private static final int PLANS_OFFERED = 100;
    private final ConsoleServices services;

    public ResourcePages(ConsoleServices services) {
        this.services = services;
    }

    public void register(Pages pages) {
        pages.get("/resources", Access.SIGNED_IN, visit -> list(visit, 200, null));
        pages.post("/resources", Access.SIGNED_IN, this::create);
        pages.get("/resources/{id}", Access.SIGNED_IN, visit -> instance(visit, 200, null, null));
        pages.post("/resources/{id}/credentials", Access.SIGNED_IN, this::createCredential);
        pages.post("/resources/{id}/credentials/{key}/show", Access.SIGNED_IN, this::showCredential);
        pages.post("/resources/{id}/credentials/{key}/delete", Access.SIGNED_IN, visit -> {
            ResourceInstance instance = services.resources().getInstance(visit.principal(), visit.path("id"));
            ResourceKey key = keyOf(visit, instance);
            services.resources().deleteKey(visit.principal(), key.guid());
            visit.redirect("/resources/" + instance.guid());
        });
    }

    // ---- the list

    private void create(Visit visit) {
        ResourcesView.CreateForm typed = new ResourcesView.CreateForm(visit.form("name"), visit.form("service"),
                visit.form("plan"), null);
        try {
            ResourceInstance made = services.resources().createInstance(visit.principal(), new CreateResourceInstance(
                    typed.name(), null, null, typed.plan(), typed.service(), null, null, false));
            visit.redirect("/resources/" + made.guid());
        } catch (DomainException refused) {
            list(visit, refused.errorCode() == dev.latchkey.core.common.ErrorCode.FORBIDDEN ? 403 : 400,
                    new ResourcesView.CreateForm(typed.name(), typed.service(), typed.plan(), refused.getMessage()));
        }
    }

    private void list(Visit visit, int status, ResourcesView.CreateForm create) {
        Principal me = visit.principal();
        List<ResourceInstance> all = new ArrayList<>();
        boolean truncated = false;
        for (int offset = 0; ; offset += BATCH) {
            Page<ResourceInstance> page = services.resources().listInstances(me, new ResourceFilter(null, null, null,
                    null, null, List.of(ResourceState.ACTIVE), null, offset, BATCH));
            all.addAll(page.items());
            if (!page.hasMore()) {
                break;
            }
            if (all.size() >= MAX_LISTED) {
                truncated = true;
                break;
            }
        }
        Map<String, List<ResourcesView.Row>> byService = new TreeMap<>();
        all.stream().sorted(Comparator.comparing(ResourceInstance::name, String.CASE_INSENSITIVE_ORDER)
                        .thenComparing(ResourceInstance::guid))
                .forEach(i -> byService.computeIfAbsent(i.serviceName(), s -> new ArrayList<>())
                        .add(new ResourcesView.Row(i.guid(), i.name(), i.planId(), i.target(), i.createdAt(),
                                i.locked())));
        List<ResourcesView.Group> groups = byService.entrySet().stream()
                .map(e -> new ResourcesView.Group(e.getKey(), e.getValue())).toList();
        List<ResourcesView.Plan> plans = services.resources().plans().list(me, null, 0, PLANS_OFFERED).items()
                .stream().map(p -> new ResourcesView.Plan(p.id(), p.serviceName(), p.name())).toList();
        visit.render(status, "resources.jte", new ResourcesView(visit.chrome("Resource list", "Resource list"), groups,
                all.size(), truncated, create, plans));
    }

    // ---- one instance and its credentials

    private void createCredential(Visit visit) {
        Principal me = visit.principal();
        ResourceInstance instance = services.resources().getInstance(me, visit.path("id"));
        InstanceView.CredentialForm typed = new InstanceView.CredentialForm(visit.form("name"), visit.form("role"),
                null);
        try {
            ResourceKeyView made = services.resources().createKey(me, new CreateResourceKey(typed.name(),
                    instance.guid(), typed.role(), null));
            instance(visit, 201, null, shown(made));
        } catch (DomainException refused) {
            instance(visit, refused.errorCode() == dev.latchkey.core.common.ErrorCode.FORBIDDEN ? 403 : 400,
                    new InstanceView.CredentialForm(typed.name(), typed.role(), refused.getMessage()), null);
        }
    }

    private void showCredential(Visit visit) {
        ResourceInstance instance = services.resources().getInstance(visit.principal(), visit.path("id"));
        ResourceKey key = keyOf(visit, instance);
        instance(visit, 200, null, shown(services.resources().getKey(visit.principal(), key.guid())));
    }

    /** The key the path names, on the instance the path names: another instance's key is not found here. */
    private ResourceKey keyOf(Visit visit, ResourceInstance instance) {
        ResourceKey key = services.resources().getKey(visit.principal(), visit.path("key")).key();
        if (!key.instanceGuid().equals(instance.guid())) {
            throw DomainException.notFound("ResourceKey", key.guid());
        }
        return key;
    }

    private void instance(Visit visit, int status, InstanceView.CredentialForm form, InstanceView.Shown shown) {
        Principal me = visit.principal();
        ResourceInstance instance = services.resources().getInstance(me, visit.path("id"));
        List<InstanceView.Credential> credentials = new ArrayList<>();
        if (!instance.isRemoved()) {
            for (int offset = 0; ; offset += BATCH) {
                Page<ResourceKeyView> page = services.resources().listKeys(me, new ResourceFilter(null, null, null,
                        null, null, List.of(), instance.guid(), offset, BATCH));
                page.items().forEach(v -> credentials.add(new InstanceView.Credential(v.key().guid(), v.key().name(),
                        roleName(v.key().roleCrn()), v.key().createdAt(), !v.credentials().redacted())));
                if (!page.hasMore() || credentials.size() >= MAX_LISTED) {
                    break;
                }
            }
        }
        credentials.sort(Comparator.comparing(InstanceView.Credential::created).reversed());
        List<InstanceView.RoleChoice> roles = Arrays.stream(Role.values())
                .filter(r -> r.offeredFor(instance.serviceName()))
                .map(r -> new InstanceView.RoleChoice(r.crn(), r.displayName(), r.description(),
                        form == null || form.role() == null ? r == Role.WRITER : r.crn().equals(form.role())))
                .toList();
        visit.render(status, "resource/instance.jte", new InstanceView(visit.chrome(instance.name(), "Resource list"),
                new InstanceView.Instance(instance.guid(), instance.name(), instance.serviceName(), instance.planId(),
                        instance.target(), instance.crn(), instance.createdAt(), instance.locked(),
                        instance.isRemoved()), credentials, roles, form, shown));
    }

    private static String roleName(String crn) {
        return Role.fromCrn(crn).map(Role::displayName).orElse(crn);
    }

    /** A credential's JSON as the Resource Controller API shows it to this caller (IBM's credentials object). */
    private static InstanceView.Shown shown(ResourceKeyView view) {
        Credentials c = view.credentials();
        Map<String, Object> json = new LinkedHashMap<>();
        if (c.redacted()) {
            json.put("REDACTED", "REDACTED");
        } else {
            if (c.apikey() != null) {
                json.put("apikey", c.apikey().reveal());
            }
            json.put("iam_apikey_description", c.description());
            json.put("iam_apikey_id", c.apiKeyId());
            json.put("iam_apikey_name", c.apiKeyName());
            json.put("iam_role_crn", c.roleCrn());
            json.put("iam_serviceid_crn", c.serviceIdCrn());
        }
        try {
            return new InstanceView.Shown(view.key().guid(), view.key().name(),
                    Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(json), c.redacted());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a credential as JSON", e);
        }
    }
}
