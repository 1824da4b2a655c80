package dev.latchkey.cli.apikey;

import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.Resolved;
import dev.latchkey.cli.serviceid.ServiceIdResolver;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The key every command on one API key names: {@code NAME|ID}, and {@code --service-id NAME|ID} to name a key of a
 * service ID by its name. A name is looked up among the caller's own keys, or among that service ID's keys; an ID
 * given with {@code --service-id} must be one of that service ID's keys, so that a mistyped ID does not act on
 * somebody else's key. A picocli mixin.
 */
public final class KeyArgument {
    @Parameters(index = "0", paramLabel = "NAME|ID",
            description = "The key's exact name (one of your keys, or of the service ID given) or its ID.")
    String key;

    @Option(names = "--service-id", paramLabel = "NAME|ID",
            description = "The key is this service ID's: its NAME is looked up among the service ID's keys.")
    String serviceId;

    Resolved resolve(ApiClient client) {
        String owner = serviceId == null ? null
                : ServiceIdResolver.iamId(new ServiceIdResolver(client).resolve(serviceId));
        return new KeyResolver(client).resolve(key, owner);
    }
}
