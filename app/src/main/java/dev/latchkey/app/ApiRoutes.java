package dev.latchkey.app;

import dev.latchkey.http.AccessTokenVerifier;
import dev.latchkey.http.HttpMetrics;
import dev.latchkey.http.Paging;
import dev.latchkey.http.RouteTable;
import dev.latchkey.http.access.AccessGroupRoutes;
import dev.latchkey.http.access.AuthzRoutes;
import dev.latchkey.http.access.PolicyRoutes;
import dev.latchkey.http.access.PolicyV2Routes;
import dev.latchkey.http.access.RoleRoutes;
import dev.latchkey.http.activity.ActivityRoutes;
import dev.latchkey.http.audit.AuditRoutes;
import dev.latchkey.http.account.AccountRoutes;
import dev.latchkey.http.apikey.ApiKeyRoutes;
import dev.latchkey.http.apikey.ApiKeyUsageRoutes;
import dev.latchkey.http.apikey.LongLivedKeyRoutes;
import dev.latchkey.http.classic.ClassicKeyRoutes;
import dev.latchkey.http.identity.UserRoutes;
import dev.latchkey.http.leak.GithubSignatures;
import dev.latchkey.http.leak.LeakRoutes;
import dev.latchkey.http.notification.NotificationRoutes;
import dev.latchkey.http.resource.ResourcePlanRoutes;
import dev.latchkey.http.resource.ResourceRoutes;
import dev.latchkey.http.serviceid.ServiceIdGroupRoutes;
import dev.latchkey.http.serviceid.ServiceIdRoutes;
import dev.latchkey.http.settings.SettingsRoutes;
import dev.latchkey.http.token.SigningKeyRoutes;
import dev.latchkey.http.token.TokenRoutes;
import java.io.IOException;
import java.nio.file.Path;

/** The whole HTTP API: every feature's routes, each registered with its audience, over the node's services. */
final class ApiRoutes {
    private ApiRoutes() {
    }

    static RouteTable of(Services s, PublicEndpoint endpoint, AccessTokenVerifier verifier, Path githubKeysFile,
                         HttpMetrics metrics) throws IOException {
        RouteTable routes = new RouteTable();
        Paging paging = new Paging(endpoint.configured() ? endpoint.url() : null);
        new TokenRoutes(s.tokens(), s.ring(), endpoint.issuer(), endpoint.url(), metrics).register(routes);
        new ApiKeyRoutes(s.apiKeys(), paging, s.resources()::resourceKeyCrns, metrics).register(routes);
        new UserRoutes(s.users(), s.passwords(), paging, verifier).register(routes);
        new AccountRoutes(s.accounts()).register(routes);
        new SettingsRoutes(s.settings()).register(routes);
        new dev.latchkey.http.settings.AccessManagementSettingsRoutes(s.settings()).register(routes);
        new ServiceIdRoutes(s.serviceIds(), paging).register(routes);
        new ServiceIdGroupRoutes(s.serviceIdGroups()).register(routes);
        new PolicyRoutes(s.policies(), s.customRoles(), paging).register(routes);
        new PolicyV2Routes(s.policies(), s.customRoles(), paging).register(routes);
        new RoleRoutes(s.customRoles(), paging).register(routes);
        new AccessGroupRoutes(s.accessGroups(), paging).register(routes);
        new AuthzRoutes(s.access(), verifier, s.externals()).register(routes);
        new NotificationRoutes(s.webhookEndpoints(), s.notifications(), paging).register(routes);
        new LeakRoutes(s.leaks(), githubKeysFile == null ? GithubSignatures.none()
                : GithubSignatures.fromFile(githubKeysFile), paging).register(routes);
        new ClassicKeyRoutes(s.classicKeys(), new PlatformKeyLogins(s.tokens())).register(routes);
        new ResourceRoutes(s.resources()).register(routes);
        new ResourcePlanRoutes(s.resources().plans()).register(routes);
        new SigningKeyRoutes(s.signingKeys()).register(routes);
        new ActivityRoutes(s.activityReports()).register(routes);
        new AuditRoutes(s.auditLog(), paging).register(routes);
        new ApiKeyUsageRoutes(s.apiKeys()).register(routes);
        new LongLivedKeyRoutes(s.longLivedKeys(), paging).register(routes);
        new dev.latchkey.http.identity.UserSettingsRoutes(s.userSettings()).register(routes);
        return routes;
    }
}
