package dev.latchkey.cli.serviceid;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.ApiCommand;
import picocli.CommandLine.Command;

/** {@code latchkey service-ids}: lists the account's service IDs, following {@code next} links to the last page. */
@Command(name = "service-ids", mixinStandardHelpOptions = true,
        description = "Lists the service IDs of your account (needs the Viewer role on IAM Identity or more).")
public final class ListServiceIdsCommand extends ApiCommand {

    /** The collection with the logged-in account, as IBM's API wants it: {@code /v1/serviceids/?account_id=…}. */
    static String collection(ApiClient client) {
        return "/v1/serviceids/?account_id=" + ApiClient.encode(client.accountId()) + "&pagesize=100";
    }

    @Override
    protected int execute() {
        try (ApiClient client = openClient()) {
            JsonNode all = client.getAllPages(collection(client), "serviceids");
            printListing(all, all.path("serviceids"), "No service IDs found.", ServiceIdTables::list);
            return 0;
        }
    }
}
