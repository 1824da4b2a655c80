package dev.latchkey.cli.access;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.ApiCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code latchkey policies}: the account's access policies you may read, following {@code next} to the end, in
 * IBM's v2 shape (so that time-based conditions and every operator show).
 */
@Command(name = "policies", mixinStandardHelpOptions = true,
        description = "Lists the access policies of your account that you may read (your own at least).")
public final class ListPoliciesCommand extends ApiCommand {
    @Option(names = "--iam-id", paramLabel = "ID", description = "Only the policies of this subject.")
    String iamId;

    @Override
    protected int execute() {
        try (ApiClient client = openClient()) {
            String accountId = client.accountId();
            StringBuilder path = new StringBuilder("/v2/policies?limit=100&account_id=")
                    .append(ApiClient.encode(accountId));
            if (iamId != null && !iamId.isBlank()) {
                path.append("&iam_id=").append(ApiClient.encode(iamId));
            }
            JsonNode all = client.getAllPages(path.toString(), "policies");
            printListing(all, all.path("policies"), "No policies found.", PolicyTables::policies);
            return 0;
        }
    }
}
