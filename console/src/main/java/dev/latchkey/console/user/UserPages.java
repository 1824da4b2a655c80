package dev.latchkey.console.user;

import dev.latchkey.console.Access;
import dev.latchkey.console.ConsoleServices;
import dev.latchkey.console.Pages;
import dev.latchkey.console.Urls;
import dev.latchkey.console.Visit;
import dev.latchkey.console.access.AccessPages;
import dev.latchkey.console.apikey.ApiKeysView;
import dev.latchkey.console.apikey.ClassicSection;
import dev.latchkey.core.apikey.ApiKey;
import dev.latchkey.core.apikey.ApiKeyQuery;
import dev.latchkey.core.apikey.ListApiKeys;
import dev.latchkey.core.classic.ClassicKeyService;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.ErrorCode;
import dev.latchkey.core.common.Page;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.identity.MemberSettings;
import dev.latchkey.core.identity.Membership;
import dev.latchkey.core.identity.UserService;
import dev.latchkey.core.password.PasswordService;
import dev.latchkey.core.settings.UserSettingsService;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Manage &gt; Access (IAM) &gt; Users and User details: the account's members, "Invite users" (mailed, or the link
 * handed to the inviter when no mail goes out), removal, and one user's profile and settings in the account, API keys
 * and classic infrastructure API key.
 * Every listing and change is {@code UserService}'s, {@code ApiKeyService}'s or {@code ClassicKeyService}'s own call
 * with the signed-in principal; what they refuse is not offered, and forcing it is their 403.
 */
public final class UserPages {
    private final ConsoleServices services;
    private final AccessPages access;

    public UserPages(ConsoleServices services, AccessPages access) {
        this.services = services;
        this.access = access;
        access.host("/iam/users/", (visit, iamId, status, outcome) -> details(visit, iamId, status, null, outcome,
                null));
    }

    /** The users pages, and with them the profile and the password pages outside sign-in. */
    public void register(Pages pages) {
        new ProfilePages(services).register(pages);
        new PasswordPages(services).register(pages);
        pages.get("/iam/users", Access.SIGNED_IN, visit -> list(visit, 200, null, null));
        pages.post("/iam/users/invite", Access.SIGNED_IN, this::invite);
        pages.post("/iam/users/{iam_id}/remove", Access.SIGNED_IN, visit -> {
            Principal me = visit.principal();
            services.users().remove(me, me.accountId(), visit.path("iam_id"));
            visit.redirect("/iam/users");
        });
        pages.get("/iam/users/{iam_id}", Access.SIGNED_IN,
                visit -> details(visit, visit.path("iam_id"), 200, null, null, null));
        pages.post("/iam/users/{iam_id}/profile", Access.SIGNED_IN, this::saveProfile);
        pages.post("/iam/users/{iam_id}/settings", Access.SIGNED_IN, this::saveSettings);
        pages.post("/iam/users/{iam_id}/classic", Access.SIGNED_IN, visit -> {
            if (!visit.path("iam_id").equals(visit.principal().iamId())) {
                throw DomainException.forbidden("A classic infrastructure API key is created by its own user, on "
                        + "their own details page.");
            }
            ClassicKeyService.View made = services.classicKeys().create(visit.principal());
            details(visit, visit.path("iam_id"), 201,
                    new ClassicSection.Shown(made.owner().email(), made.value().reveal()), null, null);
        });
        pages.post("/iam/users/{iam_id}/classic/{id}/show", Access.SIGNED_IN, visit -> {
            ClassicKeyService.View key = services.classicKeys().get(visit.principal(), visit.path("id"));
            if (key.value() == null) {
                throw DomainException.forbidden("Only its owner can see a classic infrastructure key's value.");
            }
            details(visit, visit.path("iam_id"), 200,
                    new ClassicSection.Shown(key.owner().email(), key.value().reveal()), null, null);
        });
        pages.post("/iam/users/{iam_id}/classic/{id}/delete", Access.SIGNED_IN, visit -> {
            services.classicKeys().delete(visit.principal(), visit.path("id"));
            visit.redirect(detailsUrl(visit.path("iam_id")));
        });
    }

    private void invite(Visit visit) {
        Principal me = visit.principal();
        UsersView.InviteForm typed = new UsersView.InviteForm(visit.form("email"), visit.form("functional") != null,
                null);
        UserService.Invited invited;
        try {
            invited = services.users().invite(me, me.accountId(), List.of(new UserService.Invitee(
                    typed.email() == null ? "" : typed.email(), null, null, typed.functional())), List.of()).get(0);
        } catch (DomainException refused) {
            if (refused.errorCode() == ErrorCode.FORBIDDEN) {
                throw refused;
            }
            list(visit, 400, new UsersView.InviteForm(typed.email(), typed.functional(), refused.getMessage()), null);
            return;
        }
        String accountName = services.accounts().get(me, me.accountId()).name();
        String inviter = services.users().get(me, me.accountId(), me.iamId()).user().email();
        PasswordService.InvitationDelivery delivery = services.passwords().mailInvitation(invited, accountName, inviter);
        list(visit, 201, null, new UsersView.Invited(invited.user().email(), invited.user().functional(),
                delivery.mailed(), delivery.link() == null ? null : delivery.link().reveal(), delivery.problem()));
    }

    private void list(Visit visit, int status, UsersView.InviteForm invite, UsersView.Invited invited) {
        Principal me = visit.principal();
        int pageNumber = visit.page();
        String search = visit.query("search");
        UserService.Members members = search == null
                ? services.users().list(me, me.accountId(), visit.offset(), Visit.PAGE_SIZE)
                : services.users().search(me, me.accountId(), search, visit.offset(), Visit.PAGE_SIZE);
        Map<String, String> emails = new HashMap<>();
        members.page().items().forEach(m -> emails.put(m.user().iamId(), m.user().email()));
        List<UsersView.Row> rows = members.page().items().stream().map(m -> new UsersView.Row(m.user().iamId(),
                m.user().email(), m.name(), state(m.membership()), m.user().functional(),
                inviter(me, m.membership().invitedBy(), emails), m.membership().createdAt(),
                services.users().mayRemove(me, me.accountId(), m.user().iamId()), m.user().iamId().equals(me.iamId())))
                .toList();
        visit.render(status, "users.jte", new UsersView(visit.chrome("Users", "Users"), search, rows, pageNumber,
                members.page().hasMore(), members.total(), services.users().mayReadAll(me, me.accountId()),
                services.users().mayInvite(me, me.accountId()), invite, invited));
    }

    /** What a refused profile or settings form brings back to the page: the dialog, what was typed, and why. */
    private record Refused(String form, ProfileSection.Profile profile, ProfileSection.Settings settings,
                           String error) {
    }

    /** "Edit profile": {@code UserService.updateProfile} with the signed-in principal; an empty name clears it. */
    private void saveProfile(Visit visit) {
        Principal me = visit.principal();
        String iamId = visit.path("iam_id");
        ProfileSection.Profile typed = new ProfileSection.Profile(raw(visit, "firstname"), raw(visit, "lastname"),
                raw(visit, "phonenumber"), raw(visit, "altphonenumber"), raw(visit, "photo"));
        try {
            services.users().updateProfile(me, me.accountId(), iamId, visit.form("etag"),
                    new UserService.ProfileChange(typed.firstname(), typed.lastname(), typed.phonenumber(),
                            typed.altphonenumber(), typed.photo(), null, null));
        } catch (DomainException refused) {
            if (refused.errorCode() == ErrorCode.FORBIDDEN || refused.errorCode() == ErrorCode.NOT_FOUND) {
                throw refused;
            }
            details(visit, iamId, status(refused), null, null, new Refused("profile", typed, null,
                    refused.getMessage()));
            return;
        }
        visit.redirect(detailsUrl(iamId) + "?saved=profile");
    }

    /**
     * "Edit settings": {@code UserSettingsService.update} with the signed-in principal. Only the fields drawn as
     * inputs are sent; {@code self_manage} only when its checkbox was drawn (an unticked box sends nothing).
     */
    private void saveSettings(Visit visit) {
        Principal me = visit.principal();
        String iamId = visit.path("iam_id");
        Boolean selfManage = visit.form("self_manage_shown") == null ? null : visit.form("self_manage") != null;
        UserSettingsService.Change change = new UserSettingsService.Change(raw(visit, "language"),
                raw(visit, "notification_language"), raw(visit, "allowed_ip_addresses"), selfManage);
        try {
            services.userSettings().update(me, me.accountId(), iamId, visit.form("etag"), change);
        } catch (DomainException refused) {
            if (refused.errorCode() == ErrorCode.FORBIDDEN || refused.errorCode() == ErrorCode.NOT_FOUND) {
                throw refused;
            }
            MemberSettings current = services.userSettings().get(me, me.accountId(), iamId).settings();
            ProfileSection.Settings typed = new ProfileSection.Settings(
                    or(change.language(), current.language()),
                    or(change.notificationLanguage(), current.notificationLanguage()),
                    or(change.allowedIpAddresses(), current.allowedIpAddresses()),
                    selfManage == null ? current.selfManage() : selfManage);
            details(visit, iamId, status(refused), null, null, new Refused("settings", null, typed,
                    refused.getMessage()));
            return;
        }
        visit.redirect(detailsUrl(iamId) + "?saved=settings");
    }

    /** A form field as sent, an empty one as "" (it clears the field); null when the form did not have it. */
    private static String raw(Visit visit, String name) {
        String value = visit.ctx().formParam(name);
        return value == null ? null : value.strip();
    }

    private static String or(String typed, String current) {
        return typed == null ? current : typed;
    }

    private static int status(DomainException refused) {
        return refused.errorCode() == ErrorCode.ENTITY_TAG_MISMATCH ? 409 : 400;
    }

    private void details(Visit visit, String iamId, int status, ClassicSection.Shown shown,
                         AccessPages.Outcome outcome, Refused typed) {
        Principal me = visit.principal();
        UserService.Member member = services.users().get(me, me.accountId(), iamId);
        int pageNumber = visit.page();
        List<UserDetailsView.KeyRow> keys = List.of();
        boolean hasNext = false;
        String keysHidden = null;
        try {
            Page<ApiKey> page = services.apiKeys().list(me, new ListApiKeys(me.accountId(), iamId,
                    ListApiKeys.Scope.ENTITY, null, null, ApiKeyQuery.SortField.CREATED_AT, true,
                    visit.offset(), Visit.PAGE_SIZE));
            Instant now = Instant.now();
            keys = page.items().stream().map(k -> new UserDetailsView.KeyRow(k.name(), k.description(), k.createdAt(),
                    k.expiresAt(), ApiKeysView.statuses(k, services.leaks().wasReported(k), now))).toList();
            hasNext = page.hasMore();
        } catch (DomainException refused) {
            if (refused.errorCode() != ErrorCode.FORBIDDEN) {
                throw refused;
            }
            keysHidden = refused.getMessage();
        }
        boolean mine = iamId.equals(me.iamId());
        boolean ancestor = !mine && services.classicKeys().ancestors(me.accountId(), iamId).contains(me.iamId());
        ClassicSection classic = null;
        if (!me.isServiceId() && !member.user().functional() && (mine || ancestor)) {
            List<ClassicSection.Row> rows = ClassicSection.rows(services.classicKeys(), me, iamId);
            classic = new ClassicSection(visit.session().csrfToken(), detailsUrl(iamId) + "/classic",
                    detailsUrl(iamId), mine && rows.isEmpty(), rows, shown);
        }
        Map<String, String> emails = new HashMap<>();
        emails.put(member.user().iamId(), member.user().email());
        visit.render(status, "user/details.jte", new UserDetailsView(visit.chrome("User details", "Users"),
                new UsersView.Row(iamId, member.user().email(), member.name(), state(member.membership()),
                        member.user().functional(), inviter(me, member.membership().invitedBy(), emails),
                        member.membership().createdAt(), services.users().mayRemove(me, me.accountId(), iamId), mine),
                keys, pageNumber, hasNext, keysHidden, classic,
                access.section(visit, iamId, member.user().email(), detailsUrl(iamId), outcome),
                profileSection(visit, member, typed)));
    }

    private ProfileSection profileSection(Visit visit, UserService.Member member, Refused refused) {
        Principal me = visit.principal();
        Membership membership = services.userSettings().get(me, me.accountId(), member.user().iamId());
        boolean mayEditProfile = member.user().iamId().equals(me.iamId())
                || services.users().mayUpdateOthers(me, me.accountId());
        String saved = switch (refused == null ? String.valueOf(visit.query("saved")) : "") {
            case "profile" -> "Profile saved.";
            case "settings" -> "Settings saved: a changed address list applies from the next token request.";
            default -> null;
        };
        ProfileSection.Profile profile = ProfileSection.Profile.of(member);
        ProfileSection.Settings settings = ProfileSection.Settings.of(membership.settings());
        return new ProfileSection(visit.session().csrfToken(), detailsUrl(member.user().iamId()), profile, settings,
                refused != null && refused.profile() != null ? refused.profile() : profile,
                refused != null && refused.settings() != null ? refused.settings() : settings,
                member.user().givenName(), member.user().familyName(), mayEditProfile,
                services.userSettings().editable(me, membership), UserService.Member.entityTag(membership),
                refused == null ? null : refused.form(), refused == null ? null : refused.error(), saved);
    }

    static String detailsUrl(String iamId) {
        return "/iam/users/" + Urls.encode(iamId);
    }

    private static String state(Membership membership) {
        return membership.isActive() ? "Active" : "Pending";
    }

    /** Who invited a member: their e-mail as far as the signed-in user may read it, else their IAM ID. */
    private String inviter(Principal me, String invitedBy, Map<String, String> known) {
        if (invitedBy == null) {
            return null;
        }
        return known.computeIfAbsent(invitedBy, iamId -> {
            try {
                return services.users().get(me, me.accountId(), iamId).user().email();
            } catch (DomainException notVisible) {
                return iamId;
            }
        });
    }
}
