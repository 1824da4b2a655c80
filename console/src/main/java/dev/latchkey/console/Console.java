package dev.latchkey.console;

import dev.latchkey.console.access.AccessPages;
import dev.latchkey.console.apikey.ApiKeyPages;
import dev.latchkey.console.audit.AuditPages;
import dev.latchkey.console.group.GroupPages;
import dev.latchkey.console.leak.LeakPages;
import dev.latchkey.console.notification.NotificationPages;
import dev.latchkey.console.resource.ResourcePages;
import dev.latchkey.console.serviceid.ServiceIdGroupPages;
import dev.latchkey.console.serviceid.ServiceIdPages;
import dev.latchkey.console.settings.SettingsPages;
import dev.latchkey.console.user.UserPages;
import dev.latchkey.http.Mount;
import io.javalin.config.RoutesConfig;
import java.util.List;

/**
 * The web console, mounted on the API's server: sign-in, Access (IAM) and the resource list. Which pages exist and
 * who may open each is {@link #pages()}; the console's tests walk that list.
 */
public final class Console implements Mount {
    /** Where a signed-in user lands. */
    public static final String HOME = "/iam/apikeys";
    private final Pages pages;

    public Console(ConsoleServices services) {
        this.pages = new Pages(services.sessions(), new Templates(), new Chrome.Source(services));
        pages.get("/console/assets/{file}", Access.ANYONE, Console::asset);
        new SignInPages(services).register(pages);
        new ApiKeyPages(services).register(pages);
        AccessPages access = new AccessPages(services);
        new ServiceIdPages(services, access).register(pages);
        new ServiceIdGroupPages(services).register(pages);
        access.register(pages);
        new LeakPages(services).register(pages);
        new SettingsPages(services).register(pages);
        new ResourcePages(services).register(pages);
        new UserPages(services, access).register(pages);
        new GroupPages(services, access).register(pages);
        new AuditPages(services).register(pages);
        new NotificationPages(services).register(pages);
    }

    @Override
    public void install(RoutesConfig routes) {
        pages.install(routes);
    }

    /** Every page: its method, path and who may open it. */
    public List<String> pages() {
        return pages.pages().stream().map(p -> p.method() + " " + p.path() + " " + p.access()).toList();
    }

    /** A fingerprinted asset: cached for a year, as its name changes with its content. */
    private static void asset(Visit visit) {
        Assets.Asset asset = Assets.byUrlName(visit.path("file"));
        if (asset == null) {
            visit.ctx().status(404).contentType("text/plain; charset=utf-8").result("No such file.");
            return;
        }
        visit.ctx().header("Cache-Control", "public, max-age=31536000, immutable")
                .contentType(asset.contentType()).result(asset.bytes());
    }
}
