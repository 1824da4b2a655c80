package dev.latchkey.console.leak;

import dev.latchkey.console.Access;
import dev.latchkey.console.ConsoleServices;
import dev.latchkey.console.Pages;
import dev.latchkey.console.Urls;
import dev.latchkey.console.Visit;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.IamIds;
import dev.latchkey.core.common.Page;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.leak.LeakService;
import dev.latchkey.core.leak.LeakStore;
import dev.latchkey.core.leak.Sighting;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Manage &gt; Access (IAM) &gt; Leaked keys: the leak sightings of the keys the signed-in identity may manage, as
 * {@link LeakService#reviewManaged} decides (Administrators of the IAM Identity service and the account owner see
 * every key's, everyone else their own keys'), filtered by user or service ID keys, newest first.
 */
public final class LeakPages {
    private final ConsoleServices services;

    public LeakPages(ConsoleServices services) {
        this.services = services;
    }

    public void register(Pages pages) {
        pages.get("/iam/leaked", Access.SIGNED_IN, this::show);
    }

    private void show(Visit visit) {
        Principal me = visit.principal();
        String type = visit.query("type") == null ? "" : visit.query("type");
        LeakStore.Owners owners = switch (type) {
            case "" -> null;
            case "user" -> LeakStore.Owners.USERS;
            case "serviceid" -> LeakStore.Owners.SERVICE_IDS;
            default -> throw DomainException.invalid("There is no type '" + type + "' of leaked keys.");
        };
        int pageNumber = visit.page();
        boolean all = services.leaks().reviewsAll(me, me.accountId());
        Page<LeakService.Review> page = services.leaks().reviewManaged(me, me.accountId(), owners,
                visit.offset(), Visit.PAGE_SIZE);
        Map<String, String> ownerNames = new HashMap<>();
        List<LeakedKeysView.Row> rows = page.items().stream().map(review -> {
            Sighting s = review.sighting();
            boolean exists = review.activityNow() != null;
            return new LeakedKeysView.Row(s.id(), s.keyName(), s.displayPrefix(),
                    ownerNames.computeIfAbsent(s.iamId(), iamId -> ownerName(me, iamId)), s.reportedAt(),
                    LeakedKeysView.link(s.url()), s.url(), s.source(), s.reportedBy(), actionTaken(s.action()),
                    exists ? keyLink(me, all, s) : null, review.authnSinceReport());
        }).toList();
        visit.render("leaked.jte", new LeakedKeysView(visit.chrome("Leaked keys", "Leaked keys"), all, type, rows,
                pageNumber, page.hasMore()));
    }

    /** The sighting's action as a user reads it: Disabled, Deleted or Nothing. */
    static String actionTaken(String action) {
        return switch (action) {
            case "disabled", "already disabled" -> "Disabled";
            case "deleted" -> "Deleted";
            default -> "Nothing";
        };
    }

    /** The key in the API keys page: the View that lists it, searched by its name. */
    private static String keyLink(Principal me, boolean all, Sighting s) {
        String view = s.iamId().equals(me.iamId()) || !all ? "mine"
                : IamIds.isServiceId(s.iamId()) ? "serviceids" : "users";
        return "/iam/apikeys?view=" + view + "&search=" + Urls.encode(s.keyName());
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
