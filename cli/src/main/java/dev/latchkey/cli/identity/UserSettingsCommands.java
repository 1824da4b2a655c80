package dev.latchkey.cli.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.cli.ApiClient;
import dev.latchkey.cli.ApiCommand;
import dev.latchkey.cli.CliException;
import dev.latchkey.cli.Json;
import dev.latchkey.cli.Table;
import dev.latchkey.cli.Tables;
import dev.latchkey.cli.TerminalText;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * A user's settings and profile in one account (IBM User Management, decision 0044): {@code user-settings [USER]}
 * and {@code user-settings-update [USER]}. USER is an IAM ID or an e-mail of the account's users; without it, the
 * logged-in identity. {@code --output json} prints the two answers of the server as {@code {"profile": …,
 * "settings": …}}.
 */
public final class UserSettingsCommands {
    private UserSettingsCommands() {
    }

    /** {@code /v2/accounts/{account}/users/{iam_id}} of the user {@code user} names (null: the caller). */
    static String userPath(ApiClient client, String account, String user) {
        String iamId;
        if (user == null) {
            iamId = client.token().iamId();
            if (iamId == null) {
                throw new CliException("the access token names no IAM ID; log in again or name the user");
            }
        } else {
            iamId = user.contains("@") ? UserCommands.iamIdOf(client, account, user) : user;
        }
        return UserCommands.usersPath(client, account) + "/" + ApiClient.segment(iamId);
    }

    /** The user's profile and settings as the server answers them, under {@code profile} and {@code settings}. */
    static ObjectNode read(ApiClient client, String userPath) {
        ObjectNode both = Json.object();
        both.set("profile", client.get(userPath));
        both.set("settings", client.get(userPath + "/settings"));
        return both;
    }

    /** {@code alice@example.com (IBMid-…)}, or the IAM ID alone when the profile has no e-mail. */
    static String label(JsonNode profile) {
        String email = Json.text(profile, "email");
        String iamId = Json.text(profile, "iam_id");
        return email == null || email.isBlank() ? TerminalText.safe(iamId)
                : TerminalText.safe(email) + " (" + TerminalText.safe(iamId) + ")";
    }

    static Table table(JsonNode both) {
        JsonNode profile = both.path("profile");
        JsonNode settings = both.path("settings");
        String allowed = Json.text(settings, "allowed_ip_addresses");
        return new Table("FIELD", "VALUE")
                .add("IAM ID", Json.text(profile, "iam_id"))
                .add("E-mail", Json.text(profile, "email"))
                .add("First name", Json.text(profile, "firstname"))
                .add("Last name", Json.text(profile, "lastname"))
                .add("Phone", Json.text(profile, "phonenumber"))
                .add("Alt. phone", Json.text(profile, "altphonenumber"))
                .add("Photo", Json.text(profile, "photo"))
                .add("State", Json.text(profile, "state"))
                .add("Account ID", Json.text(profile, "account_id"))
                .add("Language", Json.text(settings, "language"))
                .add("Notification language", Json.text(settings, "notification_language"))
                .add("Allowed IP addresses", allowed != null && allowed.isBlank() ? "any" : allowed)
                .add("Self-manage", Tables.yesNo(settings.path("self_manage")));
    }

    /** {@code latchkey user-settings [USER]}: a user's profile and settings in the account. */
    @Command(name = "user-settings", mixinStandardHelpOptions = true,
            description = "Shows a user's settings and profile in your account: your own by default; another user's "
                    + "needs the Viewer role on User Management (user-management) or more.")
    public static final class Show extends ApiCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "IAM_ID|EMAIL",
                description = "The user; default: you.")
        String user;

        @Option(names = "--account", paramLabel = "ACCOUNT_ID", description = "Another account you belong to.")
        String account;

        @Override
        protected int execute() {
            try (ApiClient client = openClient()) {
                ObjectNode both = read(client, userPath(client, account, user));
                if (json()) {
                    print(both);
                } else {
                    print(table(both));
                }
                return 0;
            }
        }
    }

    /**
     * {@code latchkey user-settings-update [USER]}: PATCHes only the options given, the settings and the profile
     * each only when one of their options is given, then shows both as they now are. IBM's PATCHes change only the
     * fields sent, so no {@code If-Match} is needed to keep a concurrent change of another field.
     */
    @Command(name = "user-settings-update", mixinStandardHelpOptions = true,
            description = "Changes a user's settings and profile in your account; only the options given are sent. "
                    + "You may change your own languages and profile (and your allowed IP addresses while self-manage "
                    + "is on); anyone else's, and --self-manage, need the Editor role on User Management "
                    + "(user-management) or more.")
    public static final class Update extends ApiCommand {
        @Parameters(index = "0", arity = "0..1", paramLabel = "IAM_ID|EMAIL",
                description = "The user; default: you.")
        String user;

        @Option(names = "--account", paramLabel = "ACCOUNT_ID", description = "Another account you belong to.")
        String account;

        @Option(names = "--language", paramLabel = "L", description = "Language tag, e.g. en or pt-br; \"\" clears it.")
        String language;

        @Option(names = "--notification-language", paramLabel = "L",
                description = "Language of notifications, e.g. fr; \"\" clears it.")
        String notificationLanguage;

        @Option(names = "--allowed-ip-addresses", paramLabel = "LIST",
                description = "Addresses this user may get tokens for the account from (on top of the account's "
                        + "list): IPs, CIDR subnets, ranges; comma- or space-separated. \"\" allows every address.")
        String allowedIpAddresses;

        @Option(names = "--self-manage", arity = "1", paramLabel = "true|false",
                description = "Whether the user may change their own allowed IP addresses.")
        Boolean selfManage;

        @Option(names = "--first-name", paramLabel = "NAME",
                description = "Given name in this account; \"\" returns to the user's own.")
        String firstName;

        @Option(names = "--last-name", paramLabel = "NAME",
                description = "Family name in this account; \"\" returns to the user's own.")
        String lastName;

        @Option(names = "--phone", paramLabel = "NUMBER",
                description = "Phone number: digits, an optional leading +, spaces, . - / ( ); \"\" clears it.")
        String phone;

        @Option(names = "--alt-phone", paramLabel = "NUMBER", description = "Alternative phone number; \"\" clears it.")
        String altPhone;

        @Option(names = "--photo", paramLabel = "URL", description = "An http or https URL of a photo; \"\" clears it.")
        String photo;

        @Override
        protected int execute() {
            ObjectNode settings = Json.object();
            Json.putGiven(settings, "language", language);
            Json.putGiven(settings, "notification_language", notificationLanguage);
            Json.putGiven(settings, "allowed_ip_addresses", allowedIpAddresses);
            if (selfManage != null) {
                settings.put("self_manage", selfManage.booleanValue());
            }
            ObjectNode profile = Json.object();
            Json.putGiven(profile, "firstname", firstName);
            Json.putGiven(profile, "lastname", lastName);
            Json.putGiven(profile, "phonenumber", phone);
            Json.putGiven(profile, "altphonenumber", altPhone);
            Json.putGiven(profile, "photo", photo);
            if (settings.isEmpty() && profile.isEmpty()) {
                throw new ParameterException(spec.commandLine(), "Nothing to update: give at least one setting or "
                        + "profile option (see --help), e.g. --language fr or --phone \"+1 555 0100\"");
            }
            try (ApiClient client = openClient()) {
                String path = userPath(client, account, user);
                if (!settings.isEmpty()) {
                    client.send("PATCH", path + "/settings", settings, Map.of());
                }
                if (!profile.isEmpty()) {
                    try {
                        client.send("PATCH", path, profile, Map.of());
                    } catch (CliException refused) {
                        if (!settings.isEmpty()) {
                            err().println("The settings were updated; the profile was not.");
                        }
                        throw refused;
                    }
                }
                ObjectNode both = read(client, path);
                if (json()) {
                    print(both);
                } else {
                    String what = settings.isEmpty() ? "profile" : profile.isEmpty() ? "settings"
                            : "settings and profile";
                    out().println("Updated the " + what + " of " + label(both.path("profile")) + ".");
                    print(table(both));
                }
                return 0;
            }
        }
    }
}
