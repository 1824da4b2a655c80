package dev.latchkey.cli.settings;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.ApiCommand;
import dev.latchkey.cli.ApiResponse;
import dev.latchkey.cli.Json;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code latchkey account-settings-update}: changes only the settings given. It reads the current
 * {@code Etag} and sends it as {@code If-Match}, so a concurrent change makes the update fail instead of
 * being overwritten. Values go to the server as IBM's strings; the server checks ranges and names the field.
 */
@Command(name = "account-settings-update", mixinStandardHelpOptions = true,
        description = "Changes the account's IAM Identity settings; only the options given are sent.")
public final class UpdateAccountSettingsCommand extends ApiCommand {
    @Option(names = "--account", paramLabel = "ID", description = "Account ID; default: the account you are logged in to.")
    String account;

    @Option(names = "--restrict-create-platform-apikey", paramLabel = "RESTRICTED|NOT_RESTRICTED|NOT_SET",
            converter = SettingChoices.Restriction.class,
            description = "RESTRICTED: only holders of the User API key creator role (the owner included) create user API keys.")
    String restrictCreatePlatformApikey;

    @Option(names = "--restrict-create-service-id", paramLabel = "RESTRICTED|NOT_RESTRICTED|NOT_SET",
            converter = SettingChoices.Restriction.class,
            description = "RESTRICTED: only holders of the Service ID creator role create service IDs.")
    String restrictCreateServiceId;

    @Option(names = "--token-lifetime", paramLabel = "SECONDS|NOT_SET",
            description = "Access-token lifetime, 900 to 3600 seconds (system_access_token_expiration_in_seconds).")
    String tokenLifetime;

    @Option(names = "--refresh-token-lifetime", paramLabel = "SECONDS|NOT_SET",
            description = "Refresh-token lifetime, 900 to 259200 seconds (stored; Latchkey issues no refresh tokens).")
    String refreshTokenLifetime;

    @Option(names = "--allowed-ip-addresses", paramLabel = "LIST",
            description = "Addresses that may create tokens: IPs, CIDR subnets, ranges, 10.*.*.*; comma- or "
                    + "space-separated. \"\" allows every address.")
    String allowedIpAddresses;

    @Option(names = "--mfa", paramLabel = "LEVEL", converter = SettingChoices.Mfa.class,
            description = "NONE, NONE_NO_ROPC, TOTP, TOTP4ALL, LEVEL1, LEVEL2 or LEVEL3 (stored, not enforced).")
    String mfa;

    @Option(names = "--session-expiration", paramLabel = "SECONDS|NOT_SET",
            description = "900 to 86400 seconds (stored, not enforced).")
    String sessionExpiration;

    @Option(names = "--session-invalidation", paramLabel = "SECONDS|NOT_SET",
            description = "900 to 7200 seconds (stored, not enforced).")
    String sessionInvalidation;

    @Option(names = "--max-sessions", paramLabel = "N|NOT_SET", description = "Greater than 0 (stored, not enforced).")
    String maxSessions;

    @Option(names = "--restrict-user-list-visibility", paramLabel = "RESTRICTED|NOT_RESTRICTED",
            converter = SettingChoices.Visibility.class, description = "Stored, not enforced.")
    String restrictUserListVisibility;

    @Option(names = "--apikey-max-lifetime-days", paramLabel = "DAYS|NOT_SET",
            description = "1 to 3650: user and service ID API keys must expire within this many days of creation.")
    String apikeyMaxLifetimeDays;

    @Option(names = "--apikey-disable-after-inactive-days", paramLabel = "DAYS|NOT_SET",
            description = "1 to 3650: user and service ID API keys unused this long are disabled (warned 7 days ahead).")
    String apikeyDisableAfterInactiveDays;

    @Override
    protected int execute() {
        ObjectNode changes = changes();
        try (ApiClient client = openClient()) {
            String path = ShowAccountSettingsCommand.path(client, account);
            ApiResponse current = client.send("GET", path, null, Map.of());
            String etag = current.entityTag("the account settings");
            JsonNode updated = client.send("PUT", path, changes, Map.of("If-Match", etag)).body();
            if (json()) {
                print(updated);
            } else {
                out().println("Updated the account settings of account " + Json.text(updated, "account_id") + ".");
                print(SettingsTables.settings(updated));
            }
            return 0;
        }
    }

    private ObjectNode changes() {
        ObjectNode body = Json.object();
        Json.putGiven(body, "restrict_create_platform_apikey", restrictCreatePlatformApikey);
        Json.putGiven(body, "restrict_create_service_id", restrictCreateServiceId);
        Json.putGiven(body, "system_access_token_expiration_in_seconds", tokenLifetime);
        Json.putGiven(body, "system_refresh_token_expiration_in_seconds", refreshTokenLifetime);
        Json.putGiven(body, "allowed_ip_addresses", allowedIpAddresses);
        Json.putGiven(body, "mfa", mfa);
        Json.putGiven(body, "session_expiration_in_seconds", sessionExpiration);
        Json.putGiven(body, "session_invalidation_in_seconds", sessionInvalidation);
        Json.putGiven(body, "max_sessions_per_identity", maxSessions);
        Json.putGiven(body, "restrict_user_list_visibility", restrictUserListVisibility);
        Json.putGiven(body, "apikey_max_lifetime_days", apikeyMaxLifetimeDays);
        Json.putGiven(body, "apikey_disable_after_inactive_days", apikeyDisableAfterInactiveDays);
        if (body.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "Nothing to update: give at least one setting option "
                    + "(see --help), e.g. --restrict-create-platform-apikey RESTRICTED");
        }
        return body;
    }
}
