package dev.latchkey.http.identity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.core.access.PolicyRequest;
import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.Page;
import dev.latchkey.core.common.Principal;
import dev.latchkey.core.common.Secret;
import dev.latchkey.core.identity.MemberProfile;
import dev.latchkey.core.identity.MemberSettings;
import dev.latchkey.core.identity.Membership;
import dev.latchkey.core.identity.UserService;
import dev.latchkey.core.identity.UserService.Member;
import dev.latchkey.core.password.PasswordService;
import dev.latchkey.http.AccessTokenVerifier;
import dev.latchkey.http.Audience;
import dev.latchkey.http.IbmDates;
import dev.latchkey.http.Json;
import dev.latchkey.http.JsonBody;
import dev.latchkey.http.PageToken;
import dev.latchkey.http.Paging;
import dev.latchkey.http.QueryParams;
import dev.latchkey.http.RouteTable;
import dev.latchkey.http.access.PolicyRoutes;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * IBM User Management's user routes ({@code /v2/accounts/{account_id}/users}, {@code /v2/users/accept}):
 * invite, list (optionally with each user's settings), get and change a profile, remove, and accepting an
 * invitation. Who may do what is decided in {@link UserService}.
 */
public final class UserRoutes {
    private static final int DEFAULT_LIMIT = 100;
    private static final String START = "_start";
    private final UserService users;
    private final PasswordService passwords;
    private final Paging paging;
    private final AccessTokenVerifier verifier;

    /**
     * IBM's {@code UserProfile} in the account (names as the account knows them, decision 0044), plus Latchkey's
     * {@code functional} and {@code invited_by}; with {@code include_settings=true} also the four user settings.
     */
    record ProfileWire(String id, String iamId, String realm, String userId, String firstname, String lastname,
                       String state, String email, String phonenumber, String altphonenumber, String photo,
                       String accountId, String addedOn, boolean functional, String invitedBy, String language,
                       String notificationLanguage, String allowedIpAddresses, Boolean selfManage) {
        static ProfileWire of(Member m) {
            return of(m, false);
        }

        static ProfileWire of(Member m, boolean withSettings) {
            MemberProfile p = m.membership().profile();
            MemberSettings s = withSettings ? m.membership().settings() : null;
            return new ProfileWire(m.user().iamId(), m.user().iamId(), "IBMid", m.user().email(), m.firstname(),
                    m.lastname(), m.membership().state(), m.user().email(), p.phonenumber(), p.altphonenumber(),
                    p.photo(), m.membership().accountId(), IbmDates.format(m.membership().createdAt()),
                    m.user().functional(), m.membership().invitedBy(), s == null ? null : s.language(),
                    s == null ? null : s.notificationLanguage(), s == null ? null : s.allowedIpAddresses(),
                    s == null ? null : s.selfManage());
        }
    }

    /** The fields of IBM's {@code updateUserProfile}; any other is refused, naming it. */
    static final Set<String> PROFILE_FIELDS = Set.of("firstname", "lastname", "state", "email", "phonenumber",
            "altphonenumber", "photo");

    record UserListWire(long totalResults, long limit, String firstUrl, String nextUrl, List<ProfileWire> resources) {
    }

    /** One invited user; {@code invitation_token} (Latchkey) is what the invitee accepts with. */
    record InvitedWire(String email, String id, String state, boolean functional, String invitationToken) {
    }

    record InvitedListWire(List<InvitedWire> resources) {
    }

    /**
     * @param passwords accepts invitations: an invitee who confirms with an existing password is throttled there as
     *                  at sign-in, whether the console or this route is asked
     */
    public UserRoutes(UserService users, PasswordService passwords, Paging paging, AccessTokenVerifier verifier) {
        this.users = users;
        this.passwords = passwords;
        this.paging = paging;
        this.verifier = verifier;
    }

    public void register(RouteTable routes) {
        routes.post("/v2/accounts/{account_id}/users", Audience.AUTHENTICATED, this::invite);
        routes.get("/v2/accounts/{account_id}/users", Audience.AUTHENTICATED, this::list);
        routes.get("/v2/accounts/{account_id}/users/{iam_id}", Audience.AUTHENTICATED, (ctx, caller) -> {
            Member member = users.get(caller, ctx.pathParam("account_id"), ctx.pathParam("iam_id"));
            ctx.header("Etag", member.entityTag());
            Json.send(ctx, 200, ProfileWire.of(member));
        });
        routes.patch("/v2/accounts/{account_id}/users/{iam_id}", Audience.AUTHENTICATED, this::updateProfile);
        routes.delete("/v2/accounts/{account_id}/users/{iam_id}", Audience.AUTHENTICATED, (ctx, caller) -> {
            users.remove(caller, ctx.pathParam("account_id"), ctx.pathParam("iam_id"));
            ctx.status(204);
        });
        // Public: the invitation secret in the body is the credential; a bearer token may be used instead.
        routes.post("/v2/users/accept", Audience.PUBLIC, (ctx, caller) -> accept(ctx));
    }

    private void invite(Context ctx, Principal caller) {
        JsonBody request = JsonBody.of(ctx);
        JsonNode body = request.node();
        JsonNode list = body.get("users");
        if (list == null || !list.isArray()) {
            throw DomainException.invalid("Field 'users' is required: an array of {email, account_role}.");
        }
        List<String> accessGroups = request.strings("access_groups");
        List<PolicyRequest> policies = new ArrayList<>();
        List<JsonBody> templates = request.objects("iam_policy");
        for (JsonBody template : templates == null ? List.<JsonBody>of() : templates) {
            if (template.has("subjects")) {
                throw DomainException.invalid("Field '" + template.name("subjects")
                        + "' must be left out: the invited user is the subject.");
            }
            policies.add(PolicyRoutes.request(template));
        }
        List<UserService.Invitee> invitees = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonBody user = JsonBody.element(list.get(i), "users[" + i + "]");
            invitees.add(new UserService.Invitee(user.string("email"), user.string("firstname"), user.string("lastname"),
                    Boolean.TRUE.equals(user.bool("functional"))));
        }
        List<InvitedWire> invited = users.invite(caller, ctx.pathParam("account_id"), invitees, policies,
                        accessGroups == null ? List.of() : accessGroups).stream()
                .map(i -> new InvitedWire(i.user().email(), i.user().iamId(), i.membership().state(),
                        i.user().functional(), i.invitation() == null ? null : i.invitation().reveal()))
                .toList();
        ctx.header("Cache-Control", "no-store");
        Json.send(ctx, 202, new InvitedListWire(invited));
    }

    /** IBM's {@code updateUserProfile}: 204 and no body, as IBM answers; the new entity tag in {@code Etag}. */
    private void updateProfile(Context ctx, Principal caller) {
        JsonBody body = JsonBody.of(ctx);
        body.requireKnownFields(PROFILE_FIELDS);
        Member member = users.updateProfile(caller, ctx.pathParam("account_id"), ctx.pathParam("iam_id"),
                ctx.header("If-Match"), new UserService.ProfileChange(body.string("firstname"), body.string("lastname"),
                        body.string("phonenumber"), body.string("altphonenumber"), body.string("photo"),
                        body.string("email"), body.string("state")));
        ctx.header("Etag", member.entityTag());
        ctx.status(204);
    }

    /**
     * IBM's {@code listAccountUsers}: oldest first, {@code next_url} continuing after the page's last member (keyset
     * paging, decision 0038; a {@code _start} of the older offset form is still read).
     */
    private void list(Context ctx, Principal caller) {
        int limit = Paging.size(ctx, "limit", DEFAULT_LIMIT);
        PageToken token = PageToken.read(ctx, START);
        PageToken.Position from = token.createdAtPositionFor(START, false, true);
        boolean withSettings = QueryParams.bool(ctx, "include_settings");
        UserService.Members members = users.list(caller, ctx.pathParam("account_id"),
                from == null ? null : new Membership.Position(from.createdAt(), from.id()), token.offset(),
                limit);
        Page<Member> page = members.page();
        String next = paging.next(ctx, START, page, member -> PageToken.Position.createdAt(
                member.membership().createdAt(), member.membership().iamId(), false, false));
        Json.send(ctx, 200, new UserListWire(members.total(), limit, paging.url(ctx, START, null), next,
                page.items().stream().map(m -> ProfileWire.of(m, withSettings)).toList()));
    }

    private void accept(Context ctx) {
        JsonBody body = JsonBody.of(ctx);
        String token = body.string("invitation_token");
        if (token != null) {
            String password = body.string("password");
            Member member = passwords.accept(new Secret(token), password == null ? null : new Secret(password));
            Json.send(ctx, 202, ProfileWire.of(member));
            return;
        }
        String accountId = body.string("account_id");
        if (accountId == null) {
            throw DomainException.invalid("Send 'invitation_token' (and 'password'), or 'account_id' with your access token.");
        }
        Principal caller = verifier.authenticate(ctx.header("Authorization"));
        boolean accepted = users.acceptAs(caller.iamId(), accountId);
        ctx.status(accepted ? 202 : 204);
    }
}
