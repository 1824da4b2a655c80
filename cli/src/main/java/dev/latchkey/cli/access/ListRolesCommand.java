package dev.latchkey.cli.access;

import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.ApiCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code latchkey roles}: the roles policies can grant, with their CRNs and actions. */
@Command(name = "roles", mixinStandardHelpOptions = true,
        description = "Lists the roles a policy can grant: their names, CRNs and actions.")
public final class ListRolesCommand extends ApiCommand {
    @Option(names = "--service-name", paramLabel = "NAME",
            description = "The roles offered on this service, with the actions they grant there (e.g. iam-identity).")
    String serviceName;

    @Override
    protected int execute() {
        String path = serviceName == null || serviceName.isBlank() ? "/v2/roles"
                : "/v2/roles?service_name=" + ApiClient.encode(serviceName);
        try (ApiClient client = openClient()) {
            var roles = client.get(path);
            if (json()) {
                print(roles);
            } else {
                print(PolicyTables.roleList(roles));
            }
            return 0;
        }
    }
}
