package dev.latchkey.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.app.support.Fixtures.Person;
import dev.latchkey.app.support.TestServer.Answer;
import dev.latchkey.app.support.Fixtures;
import dev.latchkey.app.support.TestServer;
import dev.latchkey.core.access.Role;
import dev.latchkey.http.Audience;
import dev.latchkey.http.Route;
import java.security.KeyPairGenerator;
import java.util.Date;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every route × every kind of caller, with the expected status written down once in {@link #EXPECTED}. The key
 * routes act on a key of another plain member of the account (the "victim"), made fresh for every cell; the
 * service ID routes act on a service ID the victim made, also fresh for every cell.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthorizationMatrixTest {

    enum Caller { OWNER, IDENTITY_ADMIN, EDITOR, VIEWER, MEMBER, OTHER_ACCOUNT, ANONYMOUS, FORGED_TOKEN,
        EXPIRED_TOKEN, DISABLED_KEY, FUNCTIONAL_ID, SERVICE_ID }

    static final java.util.List<String> UNSUPPORTED_GROUP_ROUTES = java.util.List.of(
            "POST /v2/groups/{access_group_id}/rules", "GET /v2/groups/{access_group_id}/rules",
            "GET /v2/groups/{access_group_id}/rules/{rule_id}", "PUT /v2/groups/{access_group_id}/rules/{rule_id}",
            "DELETE /v2/groups/{access_group_id}/rules/{rule_id}", "POST /v1/group_templates", "GET /v1/group_templates",
            "GET /v1/group_templates/{template_id}", "DELETE /v1/group_templates/{template_id}",
            "POST /v1/group_templates/{template_id}/versions", "GET /v1/group_templates/{template_id}/versions",
            "GET /v1/group_templates/{template_id}/versions/{version_num}",
            "PUT /v1/group_templates/{template_id}/versions/{version_num}",
            "DELETE /v1/group_templates/{template_id}/versions/{version_num}",
            "POST /v1/group_templates/{template_id}/versions/{version_num}/commit",
            "POST /v1/group_assignments", "GET /v1/group_assignments", "GET /v1/group_assignments/{assignment_id}",
            "PATCH /v1/group_assignments/{assignment_id}", "DELETE /v1/group_assignments/{assignment_id}");

    /** Route key → expected status per caller, in {@link Caller} order. */
    static final Map<String, int[]> EXPECTED = new LinkedHashMap<>();

    static {
        //                                             OWN  IDA  EDI  VIE  MEM  OTH  ANO  FRG  EXP  DIS  FUN  SID
        EXPECTED.put("GET /v1/apikeys",               row(200, 200, 403, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("POST /v1/apikeys",              row(201, 201, 201, 201, 201, 201, 401, 401, 401, 401, 201, 403));
        EXPECTED.put("GET /v1/apikeys/details",       row(200, 200, 200, 200, 200, 200, 401, 401, 401, 401, 200, 200));
        EXPECTED.put("GET /v1/apikeys/{id}",          row(200, 200, 403, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("PUT /v1/apikeys/{id}",          row(200, 200, 403, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("DELETE /v1/apikeys/{id}",       row(204, 204, 403, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("POST /v1/apikeys/{id}/lock",    row(204, 204, 403, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("DELETE /v1/apikeys/{id}/lock",  row(204, 204, 403, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("POST /v1/apikeys/{id}/disable", row(204, 204, 403, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("DELETE /v1/apikeys/{id}/disable", row(204, 204, 403, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("POST /v2/accounts/{account_id}/users", row(202, 403, 403, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("GET /v2/accounts/{account_id}/users", row(200, 200, 200, 200, 200, 403, 401, 401, 401, 401, 200, 200));
        EXPECTED.put("GET /v2/accounts/{account_id}/users/{iam_id}",
                                                      row(200, 403, 403, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("DELETE /v2/accounts/{account_id}/users/{iam_id}",
                                                      row(204, 403, 403, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("POST /v2/users/accept",         row(202, 202, 202, 202, 202, 202, 202, 202, 202, 202, 202, 202));
        EXPECTED.put("POST /v1/accounts",             row(201, 403, 403, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("GET /v1/accounts",              row(200, 200, 200, 200, 200, 200, 401, 401, 401, 401, 200, 200));
        EXPECTED.put("GET /v1/accounts/{account_id}", row(200, 200, 200, 200, 200, 404, 401, 401, 401, 401, 200, 404));
        EXPECTED.put("GET /v1/accounts/{account_id}/settings/identity",
                                                      row(200, 200, 200, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("PUT /v1/accounts/{account_id}/settings/identity",
                                                      row(200, 200, 200, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("GET /v1/accounts/{account_id}/effective_settings/identity",
                                                      row(200, 200, 200, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        // Service IDs: Viewer may get and list, Editor may also update and lock, only Administrator may delete;
        // any user member may create one (in their own account, hence OTH 201).
        EXPECTED.put("GET /v1/serviceids",            row(200, 200, 200, 200, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("POST /v1/serviceids",           row(201, 201, 201, 201, 201, 201, 401, 401, 401, 401, 201, 403));
        EXPECTED.put("GET /v1/serviceids/{id}",       row(200, 200, 200, 200, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("PUT /v1/serviceids/{id}",       row(200, 200, 200, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("DELETE /v1/serviceids/{id}",    row(204, 204, 403, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("POST /v1/serviceids/{id}/lock", row(204, 204, 204, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("DELETE /v1/serviceids/{id}/lock", row(204, 204, 204, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        // Policies: an IAM Identity Administrator administers policies on iam-identity (the targets here);
        // another account's owner may not name this account in a policy (400) or touch its policies (403).
        EXPECTED.put("GET /v1/policies",              row(200, 200, 200, 200, 200, 403, 401, 401, 401, 401, 200, 200));
        EXPECTED.put("POST /v1/policies",             row(201, 201, 403, 403, 403, 400, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("GET /v1/policies/{id}",         row(200, 200, 403, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("PUT /v1/policies/{id}",         row(200, 200, 403, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("PATCH /v1/policies/{id}",       row(200, 200, 403, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("DELETE /v1/policies/{id}",      row(204, 204, 403, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        // Policies through IBM's v2 API: the same policies and the same rules as v1 (decision 0047).
        EXPECTED.put("GET /v2/policies",              row(200, 200, 200, 200, 200, 403, 401, 401, 401, 401, 200, 200));
        EXPECTED.put("POST /v2/policies",             row(201, 201, 403, 403, 403, 400, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("GET /v2/policies/{id}",         row(200, 200, 403, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("PUT /v2/policies/{id}",         row(200, 200, 403, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("DELETE /v2/policies/{id}",      row(204, 204, 403, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("GET /v2/roles",                 row(200, 200, 200, 200, 200, 200, 401, 401, 401, 401, 200, 200));
        // Custom roles (decision 0046): any member of the account reads them; creating, replacing and deleting needs
        // Administrator on IAM Access Management (not the matrix's roles); another account's owner creates in its own.
        EXPECTED.put("POST /v2/roles",                row(201, 403, 403, 403, 403, 201, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("GET /v2/roles/{role_id}",       row(200, 200, 200, 200, 200, 403, 401, 401, 401, 401, 200, 200));
        EXPECTED.put("PUT /v2/roles/{role_id}",       row(200, 403, 403, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("DELETE /v2/roles/{role_id}",    row(204, 403, 403, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        // A question about another subject (the victim, on iam-identity) needs the owner, Administrator on IAM Access
        // Management, or Manager/Administrator on the resource's service (decision 0017); another account's caller
        // gets a deny in the body (its question says nothing about anyone).
        EXPECTED.put("POST /v2/authz",                row(200, 200, 403, 403, 403, 200, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("POST /v1/accounts/{account_id}/notification_endpoints",
                                                      row(201, 201, 201, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("GET /v1/accounts/{account_id}/notification_endpoints",
                                                      row(200, 200, 200, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("GET /v1/accounts/{account_id}/notification_endpoints/{id}",
                                                      row(200, 200, 200, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("PATCH /v1/accounts/{account_id}/notification_endpoints/{id}",
                                                      row(200, 200, 200, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("DELETE /v1/accounts/{account_id}/notification_endpoints/{id}",
                                                      row(204, 204, 204, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("GET /v1/accounts/{account_id}/notifications",
                                                      row(200, 200, 403, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("POST /v1/leaks",                row(200, 200, 200, 200, 200, 200, 401, 401, 401, 401, 200, 200));
        EXPECTED.put("POST /v1/leaks/github",         row(401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401));
        EXPECTED.put("GET /v1/leaks",                 row(200, 200, 403, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("POST /v1/classic_keys",         row(201, 201, 201, 201, 201, 201, 401, 401, 401, 401, 201, 403));
        EXPECTED.put("GET /v1/classic_keys",          row(200, 200, 200, 200, 200, 200, 401, 401, 401, 401, 200, 200));
        EXPECTED.put("GET /v1/classic_keys/{id}",     row(200, 403, 403, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("DELETE /v1/classic_keys/{id}",  row(204, 403, 403, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("GET /v1/classic/authenticate",  row(401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401, 401));
        EXPECTED.put("POST /identity/token",          row(200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200));
        EXPECTED.put("GET /identity/keys",            row(200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200));
        // Instances and resource keys of service "books": the IAM Identity roles grant nothing there, so only the
        // owner acts on this account's; everyone lists (what they may see) and the other account's owner creates
        // instances in its own account. Targets are made fresh per cell by the owner.
        EXPECTED.put("GET /v2/resource_instances",    row(200, 200, 200, 200, 200, 200, 401, 401, 401, 401, 200, 200));
        EXPECTED.put("POST /v2/resource_instances",   row(201, 403, 403, 403, 403, 201, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("GET /v2/resource_instances/{id}", row(200, 403, 403, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("PATCH /v2/resource_instances/{id}", row(200, 403, 403, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("DELETE /v2/resource_instances/{id}", row(204, 403, 403, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("GET /v2/resource_instances/{id}/resource_keys",
                                                      row(200, 403, 403, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("POST /v2/resource_instances/{id}/lock",
                                                      row(200, 403, 403, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("DELETE /v2/resource_instances/{id}/lock",
                                                      row(200, 403, 403, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("GET /v2/resource_keys",         row(200, 200, 200, 200, 200, 200, 401, 401, 401, 401, 200, 200));
        EXPECTED.put("POST /v2/resource_keys",        row(201, 403, 403, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("GET /v2/resource_keys/{id}",    row(200, 403, 403, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("PATCH /v2/resource_keys/{id}",  row(200, 403, 403, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("DELETE /v2/resource_keys/{id}", row(204, 403, 403, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("POST /identity/token",          row(200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200));
        EXPECTED.put("GET /identity/keys",            row(200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200));
        // Signing keys: platform administrators only (the owner made on first start is one); no role grants it.
        EXPECTED.put("GET /v1/signing_keys",          row(200, 403, 403, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("POST /v1/signing_keys/rotate",  row(201, 403, 403, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        // Activity reports: who may view the account settings (Operator, Editor, Administrator on IAM Identity).
        EXPECTED.put("POST /v1/activity/accounts/{account_id}/report",
                                                      row(202, 202, 202, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("GET /v1/activity/accounts/{account_id}/report/{reference}",
                                                      row(200, 200, 200, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        // Audit log: the owner, and Viewer and up on iam-audit (AuditLogApiTest); roles on IAM Identity grant nothing.
        EXPECTED.put("GET /v1/accounts/{account_id}/audit_events",
                                                      row(200, 403, 403, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        // Rotation (decision 0032): whoever may change the key, as PUT.
        EXPECTED.put("POST /v1/apikeys/{id}/rotate", row(201, 201, 403, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        // Daily usage of a key: exactly who may view the key (its owner, an Administrator on IAM Identity).
        EXPECTED.put("GET /v1/apikeys/{id}/usage",    row(200, 200, 403, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        // The lifetime report (decision 0033): Administrators of IAM Identity, who may list every key of the account.
        EXPECTED.put("GET /v1/accounts/{account_id}/settings/identity/long_lived_apikeys",
                                                      row(200, 200, 403, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        // IAM Access Management's account settings (external identity interactions, decision 0034): reading needs
        // a role on iam-access-management (Viewer and up), changing it Administrator there; the matrix's roles are
        // on iam-identity, so only the owner passes. ExternalInteractionsTest has the iam-access-management roles.
        EXPECTED.put("GET /v1/accounts/{account_id}/settings/access_management",
                                                      row(200, 403, 403, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("PATCH /v1/accounts/{account_id}/settings/access_management",
                                                      row(200, 403, 403, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        // Access groups (decision 0042): the matrix's roles are on iam-identity, so they grant nothing on iam-groups;
        // only the owner passes. Another account's owner lists and creates groups in its own account (POST 201) but
        // touches none of this one's. AccessGroupApiContract has the iam-groups roles.
        EXPECTED.put("POST /v2/groups",               row(201, 403, 403, 403, 403, 201, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("GET /v2/groups",                row(200, 200, 200, 200, 200, 403, 401, 401, 401, 401, 200, 200));
        EXPECTED.put("GET /v2/groups/{access_group_id}", row(200, 403, 403, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("PATCH /v2/groups/{access_group_id}", row(200, 403, 403, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("DELETE /v2/groups/{access_group_id}", row(204, 403, 403, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("PUT /v2/groups/{access_group_id}/members",
                                                      row(207, 403, 403, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("GET /v2/groups/{access_group_id}/members",
                                                      row(200, 403, 403, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("POST /v2/groups/{access_group_id}/members/delete",
                                                      row(207, 403, 403, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("HEAD /v2/groups/{access_group_id}/members/{iam_id}",
                                                      row(204, 403, 403, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("DELETE /v2/groups/{access_group_id}/members/{iam_id}",
                                                      row(204, 403, 403, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("PUT /v2/groups/_allgroups/members/{iam_id}",
                                                      row(207, 403, 403, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("DELETE /v2/groups/_allgroups/members/{iam_id}",
                                                      row(207, 403, 403, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("GET /v2/groups/settings",       row(200, 403, 403, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("PATCH /v2/groups/settings",     row(200, 403, 403, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        // Dynamic rules and group templates are not Latchkey's: 501 for anyone with a valid token.
        for (String route : UNSUPPORTED_GROUP_ROUTES) {
            EXPECTED.put(route,                       row(501, 501, 501, 501, 501, 501, 401, 401, 401, 401, 501, 501));
        }
        // The plan catalogue (decision 0045): everyone reads their own account's (the other account's caller finds
        // no such plan: 404); registering and deleting a plan of "books" needs Administrator on books, which the
        // matrix's IAM Identity roles are not, so only the owner may; the other account's owner registers in its own.
        EXPECTED.put("GET /v2/resource_plans",        row(200, 200, 200, 200, 200, 200, 401, 401, 401, 401, 200, 200));
        EXPECTED.put("POST /v2/resource_plans",       row(201, 403, 403, 403, 403, 201, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("GET /v2/resource_plans/{id}",   row(200, 200, 200, 200, 200, 404, 401, 401, 401, 401, 200, 200));
        EXPECTED.put("DELETE /v2/resource_plans/{id}", row(204, 403, 403, 403, 403, 404, 401, 401, 401, 401, 403, 403));
        // Service ID groups (decision 0043): Viewer may get and list, Editor may also create and update, Operator
        // and Administrator may also delete; another account's owner creates in its own account (OTH 201).
        EXPECTED.put("GET /v1/serviceid_groups",      row(200, 200, 200, 200, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("POST /v1/serviceid_groups",     row(201, 201, 201, 403, 403, 201, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("GET /v1/serviceid_groups/{id}", row(200, 200, 200, 200, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("PUT /v1/serviceid_groups/{id}", row(200, 200, 200, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("DELETE /v1/serviceid_groups/{id}",
                                                      row(204, 204, 403, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        // User settings and profile (decision 0044), of the victim: reading needs user-management.user.read, changing
        // user-management.user.update (the matrix's roles are on iam-identity, so only the owner passes);
        // UserSettingsApiContract has the user-management roles and the user's own settings and profile.
        EXPECTED.put("GET /v2/accounts/{account_id}/users/{iam_id}/settings",
                                                      row(200, 403, 403, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("PATCH /v2/accounts/{account_id}/users/{iam_id}/settings",
                                                      row(204, 403, 403, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("PATCH /v2/accounts/{account_id}/users/{iam_id}",
                                                      row(204, 403, 403, 403, 403, 403, 401, 401, 401, 401, 403, 403));
        EXPECTED.put("GET /identity/.well-known/openid-configuration",
                                                      row(200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200));
        EXPECTED.put("GET /health",                   row(200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200));
        EXPECTED.put("GET /health/live",              row(200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200));
        EXPECTED.put("GET /health/ready",             row(200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200));
    }

    static final Set<String> PUBLIC_ROUTES = Set.of("POST /identity/token", "GET /identity/keys",
            "GET /identity/.well-known/openid-configuration", "GET /health", "GET /health/live", "GET /health/ready",
            "POST /v2/users/accept", "POST /v1/leaks/github", "GET /v1/classic/authenticate");

    TestServer server;
    Fixtures fixtures;
    String accountId;
    Person victim;
    final Map<Caller, Person> people = new EnumMap<>(Caller.class);
    final Map<Caller, String> tokens = new EnumMap<>(Caller.class);

    static int[] row(int... statuses) {
        return statuses;
    }

    @BeforeAll
    void start() throws Exception {
        server = TestServer.h2();
        fixtures = new Fixtures(server);
        String ownerToken = server.token(server.adminKey);
        var mine = server.get("/v1/apikeys", ownerToken).body().get("apikeys").get(0);
        accountId = mine.get("account_id").asText();
        people.put(Caller.OWNER, new Person(mine.get("iam_id").asText(), accountId, server.adminKey));
        people.put(Caller.IDENTITY_ADMIN, fixtures.member(accountId, Role.ADMINISTRATOR));
        people.put(Caller.EDITOR, fixtures.member(accountId, Role.EDITOR));
        people.put(Caller.VIEWER, fixtures.member(accountId, Role.VIEWER));
        people.put(Caller.MEMBER, fixtures.member(accountId));
        people.put(Caller.OTHER_ACCOUNT, fixtures.accountWithOwner());
        people.put(Caller.FUNCTIONAL_ID, fixtures.functional(accountId));
        people.put(Caller.SERVICE_ID, fixtures.serviceIdWithKey(accountId, mine.get("iam_id").asText()));
        victim = fixtures.member(accountId);
        for (var entry : people.entrySet()) {
            tokens.put(entry.getKey(), server.token(entry.getValue().apikey()));
        }
        tokens.put(Caller.FORGED_TOKEN, forgedToken(ownerToken));
        tokens.put(Caller.EXPIRED_TOKEN, expiredToken(ownerToken));
        String disabledKey = fixtures.key(accountId, victim.iamId(), null, true);
        assertThat(server.tokenFor(disabledKey).status()).isEqualTo(400);
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Test
    void everyRouteHasARowAndOnlyTheDeclaredRoutesArePublic() {
        Set<String> routes = server.wiring.routes().stream().map(AuthorizationMatrixTest::key)
                .collect(Collectors.toSet());
        assertThat(EXPECTED.keySet()).containsExactlyInAnyOrderElementsOf(routes);
        Set<String> publicRoutes = server.wiring.routes().stream().filter(r -> r.audience() == Audience.PUBLIC)
                .map(AuthorizationMatrixTest::key).collect(Collectors.toSet());
        assertThat(publicRoutes).isEqualTo(PUBLIC_ROUTES);
    }

    @Test
    void everyNonPublicRouteRefusesCallersWithoutAValidToken() {
        for (Route route : server.wiring.routes()) {
            if (route.audience() == Audience.PUBLIC) {
                continue;
            }
            String path = route.path().replace("{account_id}", accountId)
                    .replaceAll("\\{[^}]+}", "0123456789abcdef0123456789abcdef");
            Answer anonymous = server.call(route.method().name(), path, null, null, Map.of());
            assertThat(anonymous.status()).as(key(route)).isEqualTo(401);
            Answer garbage = server.call(route.method().name(), path, "not-a-jwt", null, Map.of());
            assertThat(garbage.status()).as(key(route)).isEqualTo(401);
            if (route.method() == io.javalin.http.HandlerType.HEAD) {
                continue; // a HEAD answer has no body
            }
            assertThat(anonymous.body().get("errors").get(0).get("message_code").asText()).isEqualTo("BXNIM0308E");
            assertThat(garbage.errorCode()).isEqualTo("invalid_access_token");
        }
    }

    @Test
    void everyCellAnswersAsTheTableSays() {
        StringBuilder mismatches = new StringBuilder();
        EXPECTED.forEach((route, statuses) -> {
            for (Caller caller : Caller.values()) {
                int actual = perform(route, caller);
                if (actual != statuses[caller.ordinal()]) {
                    mismatches.append(route).append(" as ").append(caller).append(": expected ")
                            .append(statuses[caller.ordinal()]).append(", got ").append(actual).append('\n');
                }
            }
        });
        assertThat(mismatches.toString()).as("cells that differ from the table").isEmpty();
    }

    private int perform(String route, Caller caller) {
        String token = tokens.get(caller);
        Person person = people.get(caller);
        var target = fixtures.insertKey(accountId, victim.iamId(), null,
                route.equals("DELETE /v1/apikeys/{id}/lock"), route.equals("DELETE /v1/apikeys/{id}/disable"));
        String id = target.getKey();
        String sid = route.contains("/v1/serviceids/{id}")
                ? fixtures.serviceId(accountId, victim.iamId(), route.equals("DELETE /v1/serviceids/{id}/lock")) : null;
        String instance = route.contains("/v2/resource_instances/{id}") || route.equals("POST /v2/resource_keys")
                ? instance(route.equals("DELETE /v2/resource_instances/{id}/lock")) : null;
        String resourceKey = route.contains("/v2/resource_keys/{id}") ? resourceKey(instance(false)) : null;
        return switch (route) {
            case "GET /v1/apikeys" -> server.get("/v1/apikeys?scope=account&account_id=" + accountId, token).status();
            case "POST /v1/apikeys" -> server.post("/v1/apikeys", token, "{\"name\":\"matrix\",\"iam_id\":\""
                    + (person == null ? victim.iamId() : person.iamId()) + "\"}").status();
            case "GET /v1/apikeys/details" -> server.call("GET", "/v1/apikeys/details", token, null,
                    Map.of("IAM-ApiKey", target.getValue())).status();
            case "GET /v1/apikeys/{id}" -> server.get("/v1/apikeys/" + id, token).status();
            case "PUT /v1/apikeys/{id}" -> server.call("PUT", "/v1/apikeys/" + id, token, "{\"name\":\"changed\"}",
                    Map.of("If-Match", "*")).status();
            case "DELETE /v1/apikeys/{id}" -> server.delete("/v1/apikeys/" + id, token).status();
            case "POST /v1/apikeys/{id}/lock" -> server.post("/v1/apikeys/" + id + "/lock", token, null).status();
            case "DELETE /v1/apikeys/{id}/lock" -> server.delete("/v1/apikeys/" + id + "/lock", token).status();
            case "POST /v1/apikeys/{id}/disable" -> server.post("/v1/apikeys/" + id + "/disable", token, null).status();
            case "DELETE /v1/apikeys/{id}/disable" -> server.delete("/v1/apikeys/" + id + "/disable", token).status();
            case "POST /v2/accounts/{account_id}/users" -> server.post("/v2/accounts/" + accountId + "/users", token,
                    "{\"users\":[{\"email\":\"" + fresh() + "@example.com\"}]}").status();
            case "GET /v2/accounts/{account_id}/users" -> server.get("/v2/accounts/" + accountId + "/users", token).status();
            case "GET /v2/accounts/{account_id}/users/{iam_id}" ->
                    server.get("/v2/accounts/" + accountId + "/users/" + victim.iamId(), token).status();
            case "DELETE /v2/accounts/{account_id}/users/{iam_id}" -> server.delete("/v2/accounts/" + accountId + "/users/"
                    + fixtures.member(accountId).iamId(), token).status();
            case "POST /v2/users/accept" -> {
                String invitation = server.post("/v2/accounts/" + accountId + "/users", tokens.get(Caller.OWNER),
                        "{\"users\":[{\"email\":\"" + fresh() + "@example.com\"}]}").body().get("resources").get(0)
                        .get("invitation_token").asText();
                yield server.call("POST", "/v2/users/accept", token, "{\"invitation_token\":\"" + invitation
                        + "\",\"password\":\"a long enough password\"}", Map.of()).status();
            }
            case "POST /v1/accounts" -> server.post("/v1/accounts", token, "{\"name\":\"matrix\"}").status();
            case "GET /v1/accounts" -> server.get("/v1/accounts", token).status();
            case "GET /v1/accounts/{account_id}" -> server.get("/v1/accounts/" + accountId, token).status();
            case "GET /v1/accounts/{account_id}/settings/identity" ->
                    server.get("/v1/accounts/" + accountId + "/settings/identity", token).status();
            // A change that leaves every other cell's outcome alone (no restriction, no allow-list).
            case "PUT /v1/accounts/{account_id}/settings/identity" -> server.call("PUT",
                    "/v1/accounts/" + accountId + "/settings/identity", token,
                    "{\"restrict_user_list_visibility\":\"NOT_RESTRICTED\"}", Map.of("If-Match", "*")).status();
            case "GET /v1/accounts/{account_id}/effective_settings/identity" ->
                    server.get("/v1/accounts/" + accountId + "/effective_settings/identity", token).status();
            case "GET /v1/accounts/{account_id}/settings/access_management" ->
                    server.get("/v1/accounts/" + accountId + "/settings/access_management", token).status();
            // A change that leaves every other cell's outcome alone (the service identity type has no effect).
            case "PATCH /v1/accounts/{account_id}/settings/access_management" -> server.call("PATCH",
                    "/v1/accounts/" + accountId + "/settings/access_management", token,
                    "{\"external_account_identity_interaction\":{\"identity_types\":{\"service\":"
                            + "{\"state\":\"monitor\",\"external_allowed_accounts\":[]}}}}",
                    Map.of("If-Match", "*")).status();
            case "GET /v1/serviceids" -> server.get("/v1/serviceids/?account_id=" + accountId, token).status();
            case "POST /v1/serviceids" -> server.post("/v1/serviceids/", token, "{\"name\":\"matrix\""
                    + (person == null ? "" : ",\"account_id\":\"" + person.accountId() + "\"") + "}").status();
            case "GET /v1/serviceids/{id}" -> server.get("/v1/serviceids/" + sid, token).status();
            case "PUT /v1/serviceids/{id}" -> server.call("PUT", "/v1/serviceids/" + sid, token,
                    "{\"name\":\"changed\"}", Map.of("If-Match", "*")).status();
            case "DELETE /v1/serviceids/{id}" -> server.delete("/v1/serviceids/" + sid, token).status();
            case "POST /v1/serviceids/{id}/lock" -> server.post("/v1/serviceids/" + sid + "/lock", token, null).status();
            case "DELETE /v1/serviceids/{id}/lock" -> server.delete("/v1/serviceids/" + sid + "/lock", token).status();
            case "GET /v1/policies" -> server.get("/v1/policies?account_id=" + accountId, token).status();
            case "POST /v1/policies" -> server.post("/v1/policies", token,
                    policyBody(fixtures.member(accountId).iamId(), Role.VIEWER)).status();
            case "GET /v1/policies/{id}" -> server.get("/v1/policies/" + targetPolicy(), token).status();
            case "PUT /v1/policies/{id}" -> {
                Person subject = fixtures.member(accountId);
                String policy = fixtures.grant(accountId, subject.iamId(), "iam-identity", Role.VIEWER);
                yield server.call("PUT", "/v1/policies/" + policy, token, policyBody(subject.iamId(), Role.EDITOR),
                        Map.of("If-Match", "*")).status();
            }
            case "PATCH /v1/policies/{id}" -> server.call("PATCH", "/v1/policies/" + targetPolicy(), token,
                    "{\"state\":\"active\"}", Map.of("If-Match", "*")).status();
            case "DELETE /v1/policies/{id}" -> server.delete("/v1/policies/" + targetPolicy(), token).status();
            case "GET /v2/policies" -> server.get("/v2/policies?account_id=" + accountId, token).status();
            case "POST /v2/policies" -> server.post("/v2/policies", token,
                    v2PolicyBody(fixtures.member(accountId).iamId(), Role.VIEWER)).status();
            case "GET /v2/policies/{id}" -> server.get("/v2/policies/" + targetPolicy(), token).status();
            case "PUT /v2/policies/{id}" -> {
                Person subject = fixtures.member(accountId);
                String policy = fixtures.grant(accountId, subject.iamId(), "iam-identity", Role.VIEWER);
                yield server.call("PUT", "/v2/policies/" + policy, token, v2PolicyBody(subject.iamId(), Role.EDITOR),
                        Map.of("If-Match", "*")).status();
            }
            case "DELETE /v2/policies/{id}" -> server.delete("/v2/policies/" + targetPolicy(), token).status();
            case "GET /v2/roles" -> server.get("/v2/roles?service_name=iam-identity", token).status();
            case "POST /v2/roles" -> server.post("/v2/roles", token, roleBody(person == null ? accountId
                    : person.accountId())).status();
            case "GET /v2/roles/{role_id}" -> server.get("/v2/roles/" + customRole(), token).status();
            case "PUT /v2/roles/{role_id}" -> server.call("PUT", "/v2/roles/" + customRole(), token,
                    "{\"display_name\":\"Changed\",\"actions\":[\"books.shelf.read\"]}", Map.of("If-Match", "*"))
                    .status();
            case "DELETE /v2/roles/{role_id}" -> server.delete("/v2/roles/" + customRole(), token).status();
            case "POST /v2/authz" -> server.post("/v2/authz", token, "[{\"subject\":{\"attributes\":{\"id\":\""
                    + victim.iamId() + "\"}},\"action\":\"iam-identity.apikey.get\",\"resource\":{\"attributes\":"
                    + "{\"accountId\":\"" + accountId + "\",\"serviceName\":\"iam-identity\"}}}]").status();
            case "POST /v1/accounts/{account_id}/notification_endpoints" -> server.post(endpoints(), token,
                    "{\"url\":\"" + UNREACHABLE_HOOK + "\"}").status();
            case "GET /v1/accounts/{account_id}/notification_endpoints" -> server.get(endpoints(), token).status();
            case "GET /v1/accounts/{account_id}/notification_endpoints/{id}" ->
                    onOwnersEndpoint(endpoint -> server.get(endpoint, token).status());
            case "PATCH /v1/accounts/{account_id}/notification_endpoints/{id}" -> onOwnersEndpoint(endpoint ->
                    server.call("PATCH", endpoint, token, "{\"events\":[\"key\",\"audit\"]}",
                            Map.of("If-Match", "*")).status());
            case "DELETE /v1/accounts/{account_id}/notification_endpoints/{id}" ->
                    onOwnersEndpoint(endpoint -> server.delete(endpoint, token).status());
            case "GET /v1/accounts/{account_id}/notifications" ->
                    server.get("/v1/accounts/" + accountId + "/notifications", token).status();
            case "POST /v1/leaks" -> server.post("/v1/leaks", token, "[{\"token\":\"never-issued-" + fresh()
                    + "\",\"type\":\"latchkey_api_key\"}]").status();
            case "POST /v1/leaks/github" -> server.post("/v1/leaks/github", token, "[]").status();
            case "GET /v1/leaks" -> server.get("/v1/leaks?account_id=" + accountId, token).status();
            case "POST /v1/classic_keys" -> server.post("/v1/classic_keys", token, null).status();
            case "GET /v1/classic_keys" -> server.get("/v1/classic_keys", token).status();
            case "GET /v1/classic_keys/{id}" -> server.get("/v1/classic_keys/" + classicKeyOfOwnersInvitee(), token).status();
            case "DELETE /v1/classic_keys/{id}" ->
                    server.delete("/v1/classic_keys/" + classicKeyOfOwnersInvitee(), token).status();
            case "GET /v1/classic/authenticate" -> server.get("/v1/classic/authenticate", token).status();
            case "GET /v2/resource_instances" -> server.get("/v2/resource_instances", token).status();
            case "POST /v2/resource_instances" -> server.post("/v2/resource_instances", token,
                    "{\"name\":\"matrix\",\"resource_id\":\"books\"}").status();
            case "GET /v2/resource_instances/{id}" -> server.get("/v2/resource_instances/" + instance, token).status();
            case "PATCH /v2/resource_instances/{id}" -> server.call("PATCH", "/v2/resource_instances/" + instance,
                    token, "{\"name\":\"changed\"}", Map.of()).status();
            case "DELETE /v2/resource_instances/{id}" ->
                    server.delete("/v2/resource_instances/" + instance, token).status();
            case "GET /v2/resource_instances/{id}/resource_keys" ->
                    server.get("/v2/resource_instances/" + instance + "/resource_keys", token).status();
            case "POST /v2/resource_instances/{id}/lock" ->
                    server.post("/v2/resource_instances/" + instance + "/lock", token, null).status();
            case "DELETE /v2/resource_instances/{id}/lock" ->
                    server.delete("/v2/resource_instances/" + instance + "/lock", token).status();
            case "GET /v2/resource_keys" -> server.get("/v2/resource_keys", token).status();
            case "POST /v2/resource_keys" -> server.post("/v2/resource_keys", token,
                    "{\"name\":\"matrix\",\"source\":\"" + instance + "\"}").status();
            case "GET /v2/resource_keys/{id}" -> server.get("/v2/resource_keys/" + resourceKey, token).status();
            case "PATCH /v2/resource_keys/{id}" -> server.call("PATCH", "/v2/resource_keys/" + resourceKey, token,
                    "{\"name\":\"changed\"}", Map.of()).status();
            case "DELETE /v2/resource_keys/{id}" -> server.delete("/v2/resource_keys/" + resourceKey, token).status();
            case "GET /v2/resource_plans" -> server.get("/v2/resource_plans", token).status();
            case "POST /v2/resource_plans" -> server.post("/v2/resource_plans", token, "{\"id\":\"" + fresh()
                    + "\",\"name\":\"Matrix\",\"resource_id\":\"books\"}").status();
            case "GET /v2/resource_plans/{id}" -> server.get("/v2/resource_plans/" + plan(), token).status();
            case "DELETE /v2/resource_plans/{id}" -> server.delete("/v2/resource_plans/" + plan(), token).status();
            case "POST /identity/token" -> server.tokenFor(target.getValue()).status();
            case "GET /v1/signing_keys" -> server.get("/v1/signing_keys", token).status();
            case "POST /v1/signing_keys/rotate" -> server.post("/v1/signing_keys/rotate", token, null).status();
            case "POST /v1/activity/accounts/{account_id}/report" ->
                    server.post("/v1/activity/accounts/" + accountId + "/report", token, null).status();
            case "GET /v1/activity/accounts/{account_id}/report/{reference}" -> server.get("/v1/activity/accounts/"
                    + accountId + "/report/" + server.post("/v1/activity/accounts/" + accountId + "/report",
                    tokens.get(Caller.OWNER), null).body().get("reference").asText(), token).status();
            case "GET /v1/accounts/{account_id}/audit_events" ->
                    server.get("/v1/accounts/" + accountId + "/audit_events", token).status();
            case "POST /v1/apikeys/{id}/rotate" -> server.post("/v1/apikeys/" + id + "/rotate", token,
                    "{\"grace_seconds\":60}").status();
            case "GET /v1/apikeys/{id}/usage" -> server.get("/v1/apikeys/" + id + "/usage?days=7", token).status();
            case "GET /v1/accounts/{account_id}/settings/identity/long_lived_apikeys" -> server.get("/v1/accounts/"
                    + accountId + "/settings/identity/long_lived_apikeys", token).status();
            case "POST /v2/groups" -> server.post("/v2/groups?account_id=" + (person == null ? accountId
                    : person.accountId()), token, "{\"name\":\"matrix\"}").status();
            case "GET /v2/groups" -> server.get("/v2/groups?account_id=" + accountId, token).status();
            case "GET /v2/groups/{access_group_id}" -> server.get("/v2/groups/" + group(false), token).status();
            case "PATCH /v2/groups/{access_group_id}" -> server.call("PATCH", "/v2/groups/" + group(false), token,
                    "{\"name\":\"changed\"}", Map.of("If-Match", "*")).status();
            case "DELETE /v2/groups/{access_group_id}" -> server.delete("/v2/groups/" + group(false), token).status();
            case "PUT /v2/groups/{access_group_id}/members" -> server.call("PUT", "/v2/groups/" + group(false)
                    + "/members", token, "{\"members\":[{\"iam_id\":\"" + victim.iamId() + "\",\"type\":\"user\"}]}",
                    Map.of()).status();
            case "GET /v2/groups/{access_group_id}/members" ->
                    server.get("/v2/groups/" + group(true) + "/members", token).status();
            case "POST /v2/groups/{access_group_id}/members/delete" -> server.post("/v2/groups/" + group(true)
                    + "/members/delete", token, "{\"members\":[\"" + victim.iamId() + "\"]}").status();
            case "HEAD /v2/groups/{access_group_id}/members/{iam_id}" -> server.call("HEAD", "/v2/groups/"
                    + group(true) + "/members/" + victim.iamId(), token, null, Map.of()).status();
            case "DELETE /v2/groups/{access_group_id}/members/{iam_id}" -> server.delete("/v2/groups/" + group(true)
                    + "/members/" + victim.iamId(), token).status();
            case "PUT /v2/groups/_allgroups/members/{iam_id}" -> server.call("PUT", "/v2/groups/_allgroups/members/"
                    + victim.iamId() + "?account_id=" + accountId, token, "{\"type\":\"user\",\"groups\":[\""
                    + group(false) + "\"]}", Map.of()).status();
            case "DELETE /v2/groups/_allgroups/members/{iam_id}" -> {
                group(true);
                yield server.delete("/v2/groups/_allgroups/members/" + victim.iamId() + "?account_id=" + accountId,
                        token).status();
            }
            case "GET /v2/groups/settings" -> server.get("/v2/groups/settings?account_id=" + accountId, token).status();
            // A change that leaves every other cell's outcome alone (there is no public access group)
            case "PATCH /v2/groups/settings" -> server.call("PATCH", "/v2/groups/settings?account_id=" + accountId,
                    token, "{\"public_access_enabled\":true}", Map.of()).status();
            case "POST /v2/groups/{access_group_id}/rules", "GET /v2/groups/{access_group_id}/rules",
                 "GET /v2/groups/{access_group_id}/rules/{rule_id}", "PUT /v2/groups/{access_group_id}/rules/{rule_id}",
                 "DELETE /v2/groups/{access_group_id}/rules/{rule_id}", "POST /v1/group_templates",
                 "GET /v1/group_templates", "GET /v1/group_templates/{template_id}",
                 "DELETE /v1/group_templates/{template_id}", "POST /v1/group_templates/{template_id}/versions",
                 "GET /v1/group_templates/{template_id}/versions",
                 "GET /v1/group_templates/{template_id}/versions/{version_num}",
                 "PUT /v1/group_templates/{template_id}/versions/{version_num}",
                 "DELETE /v1/group_templates/{template_id}/versions/{version_num}",
                 "POST /v1/group_templates/{template_id}/versions/{version_num}/commit",
                 "POST /v1/group_assignments", "GET /v1/group_assignments",
                 "GET /v1/group_assignments/{assignment_id}", "PATCH /v1/group_assignments/{assignment_id}",
                 "DELETE /v1/group_assignments/{assignment_id}" -> {
                String[] parts = route.split(" ", 2);
                String path = parts[1].replace("{access_group_id}", group(false)).replaceAll("\\{[^}]+}", "x1");
                yield server.call(parts[0], path, token, parts[0].equals("POST") || parts[0].equals("PUT")
                        || parts[0].equals("PATCH") ? "{}" : null, Map.of()).status();
            }
            case "GET /v1/serviceid_groups" ->
                    server.get("/v1/serviceid_groups?account_id=" + accountId, token).status();
            case "POST /v1/serviceid_groups" -> server.post("/v1/serviceid_groups", token, "{\"name\":\"matrix-"
                    + fresh() + "\"" + (person == null ? "" : ",\"account_id\":\"" + person.accountId() + "\"")
                    + "}").status();
            case "GET /v1/serviceid_groups/{id}" -> server.get("/v1/serviceid_groups/" + serviceIdGroup(), token)
                    .status();
            case "PUT /v1/serviceid_groups/{id}" -> server.call("PUT", "/v1/serviceid_groups/" + serviceIdGroup(),
                    token, "{\"name\":\"changed-" + fresh() + "\"}", Map.of("If-Match", "*")).status();
            case "DELETE /v1/serviceid_groups/{id}" ->
                    server.delete("/v1/serviceid_groups/" + serviceIdGroup(), token).status();
            case "GET /v2/accounts/{account_id}/users/{iam_id}/settings" ->
                    server.get("/v2/accounts/" + accountId + "/users/" + victim.iamId() + "/settings", token).status();
            case "PATCH /v2/accounts/{account_id}/users/{iam_id}/settings" -> server.call("PATCH", "/v2/accounts/"
                    + accountId + "/users/" + victim.iamId() + "/settings", token, "{\"language\":\"fr\"}",
                    Map.of()).status();
            case "PATCH /v2/accounts/{account_id}/users/{iam_id}" -> server.call("PATCH", "/v2/accounts/" + accountId
                    + "/users/" + victim.iamId(), token, "{\"firstname\":\"Matrix\"}", Map.of()).status();
            case "GET /identity/keys", "GET /identity/.well-known/openid-configuration", "GET /health",
                 "GET /health/live", "GET /health/ready" ->
                    server.get(route.substring(4), token).status();
            default -> throw new AssertionError("no request written for " + route);
        };
    }

    /** Webhooks the matrix adds are never delivered: the reserved .invalid domain never resolves. */
    private static final String UNREACHABLE_HOOK = "https://hooks.invalid/matrix";

    private String endpoints() {
        return "/v1/accounts/" + accountId + "/notification_endpoints";
    }

    /**
     * The status {@code request} gets on the path of a new endpoint the owner adds; the owner deletes it afterwards
     * (when still there), so that the matrix stays within the account's 20 endpoints.
     */
    private int onOwnersEndpoint(java.util.function.ToIntFunction<String> request) {
        Answer added = server.post(endpoints(), tokens.get(Caller.OWNER), "{\"url\":\"" + UNREACHABLE_HOOK + "\"}");
        assertThat(added.status()).as(added.raw()).isEqualTo(201);
        String endpoint = endpoints() + "/" + added.body().get("id").asText();
        int status = request.applyAsInt(endpoint);
        server.delete(endpoint, tokens.get(Caller.OWNER));
        return status;
    }

    /** A classic key of a fresh user the owner invited: the owner is its ancestor, nobody else is. */
    private String classicKeyOfOwnersInvitee() {
        Person invitee = fixtures.invitedBy(accountId, people.get(Caller.OWNER).iamId());
        return server.post("/v1/classic_keys", server.token(invitee.apikey()), null).body().get("id").asText();
    }

    private static String fresh() {
        return "u" + java.util.UUID.randomUUID().toString().replace("-", "");
    }

    /** A fresh service ID group, made by the owner; returns its id. */
    private String serviceIdGroup() {
        Answer made = server.post("/v1/serviceid_groups", tokens.get(Caller.OWNER), "{\"name\":\"target-" + fresh()
                + "\"}");
        assertThat(made.status()).as(made.raw()).isEqualTo(201);
        return made.body().get("id").asText();
    }

    /** A fresh instance of service "books", made (and locked, when asked) by the owner; returns its guid. */
    private String instance(boolean locked) {
        String owner = tokens.get(Caller.OWNER);
        Answer made = server.post("/v2/resource_instances", owner, "{\"name\":\"target\",\"resource_id\":\"books\"}");
        assertThat(made.status()).as(made.raw()).isEqualTo(201);
        String guid = made.body().get("guid").asText();
        if (locked) {
            assertThat(server.post("/v2/resource_instances/" + guid + "/lock", owner, null).status()).isEqualTo(200);
        }
        return guid;
    }

    /** A fresh plan of service "books", registered by the owner; returns its id. */
    private String plan() {
        String id = fresh();
        Answer made = server.post("/v2/resource_plans", tokens.get(Caller.OWNER), "{\"id\":\"" + id
                + "\",\"name\":\"Target\",\"resource_id\":\"books\"}");
        assertThat(made.status()).as(made.raw()).isEqualTo(201);
        return id;
    }

    /** A fresh resource key on {@code instance}, made by the owner; returns its guid. */
    private String resourceKey(String instance) {
        Answer made = server.post("/v2/resource_keys", tokens.get(Caller.OWNER),
                "{\"name\":\"target\",\"source\":\"" + instance + "\"}");
        assertThat(made.status()).as(made.raw()).isEqualTo(201);
        return made.body().get("guid").asText();
    }

    /** A custom role of "books" in {@code account}, with a fresh name. */
    private static String roleBody(String account) {
        return "{\"name\":\"M" + fresh().substring(1, 20) + "\",\"display_name\":\"Matrix\",\"actions\":"
                + "[\"books.shelf.read\"],\"account_id\":\"" + account + "\",\"service_name\":\"books\"}";
    }

    /** A fresh custom role made by the owner; returns its id. */
    private String customRole() {
        Answer made = server.post("/v2/roles", tokens.get(Caller.OWNER), roleBody(accountId));
        assertThat(made.status()).as(made.raw()).isEqualTo(201);
        return made.body().get("id").asText();
    }

    /** A fresh access group made by the owner, with the victim as its member when asked; returns its id. */
    private String group(boolean withVictim) {
        String owner = tokens.get(Caller.OWNER);
        Answer made = server.post("/v2/groups?account_id=" + accountId, owner, "{\"name\":\"target\"}");
        assertThat(made.status()).as(made.raw()).isEqualTo(201);
        String id = made.body().get("id").asText();
        if (withVictim) {
            Answer added = server.call("PUT", "/v2/groups/" + id + "/members", owner, "{\"members\":[{\"iam_id\":\""
                    + victim.iamId() + "\",\"type\":\"user\"}]}", Map.of());
            assertThat(added.body().get("members").get(0).get("status_code").asInt()).as(added.raw()).isEqualTo(200);
        }
        return id;
    }

    /** A fresh Viewer policy on iam-identity for a fresh member: the target of one policy cell. */
    private String targetPolicy() {
        return fixtures.grant(accountId, fixtures.member(accountId).iamId(), "iam-identity", Role.VIEWER);
    }

    private String policyBody(String subjectIamId, Role role) {
        return "{\"type\":\"access\",\"subjects\":[{\"attributes\":[{\"name\":\"iam_id\",\"value\":\""
                + subjectIamId + "\"}]}],\"roles\":[{\"role_id\":\"" + role.crn() + "\"}],\"resources\":[{"
                + "\"attributes\":[{\"name\":\"accountId\",\"value\":\"" + accountId + "\"},{\"name\":"
                + "\"serviceName\",\"value\":\"iam-identity\"}]}]}";
    }

    private String v2PolicyBody(String subjectIamId, Role role) {
        return "{\"type\":\"access\",\"subject\":{\"attributes\":[{\"key\":\"iam_id\",\"operator\":\"stringEquals\","
                + "\"value\":\"" + subjectIamId + "\"}]},\"control\":{\"grant\":{\"roles\":[{\"role_id\":\""
                + role.crn() + "\"}]}},\"resource\":{\"attributes\":[{\"key\":\"accountId\",\"operator\":"
                + "\"stringEquals\",\"value\":\"" + accountId + "\"},{\"key\":\"serviceName\",\"operator\":"
                + "\"stringEquals\",\"value\":\"iam-identity\"}]}}";
    }

    private static String key(Route route) {
        return route.method().name() + " " + route.path();
    }

    /** A well-formed token naming the owner, signed with a key that is not the server's, under the server's kid. */
    private static String forgedToken(String genuine) throws Exception {
        SignedJWT real = SignedJWT.parse(genuine);
        var generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        SignedJWT forged = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256)
                .keyID(real.getHeader().getKeyID()).build(), real.getJWTClaimsSet());
        forged.sign(new RSASSASigner(generator.generateKeyPair().getPrivate()));
        return forged.serialize();
    }

    /** The owner's token re-signed with the server's own key, but expired a minute ago. */
    private String expiredToken(String genuine) throws Exception {
        SignedJWT real = SignedJWT.parse(genuine);
        JWTClaimsSet claims = new JWTClaimsSet.Builder(real.getJWTClaimsSet())
                .issueTime(new Date(System.currentTimeMillis() - 3_660_000))
                .expirationTime(new Date(System.currentTimeMillis() - 60_000)).build();
        var key = server.wiring.signingKeys().active();
        SignedJWT expired = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.kid()).build(), claims);
        expired.sign(new RSASSASigner(key.keyPair().getPrivate()));
        return expired.serialize();
    }
}
