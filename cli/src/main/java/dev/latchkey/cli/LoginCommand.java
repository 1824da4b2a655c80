package dev.latchkey.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.util.Set;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code latchkey login}: proves an API key works by getting a token, then saves the profile. */
@Command(name = "login", mixinStandardHelpOptions = true,
        description = "Checks an API key against the server and saves it for the other commands.")
public final class LoginCommand extends ApiCommand {
    static final String DEFAULT_URL = "http://127.0.0.1:8080";
    static final String APIKEY_VARIABLE = "LATCHKEY_APIKEY";
    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    @Option(names = "--apikey", paramLabel = "KEY",
            description = "The API key, or - to read one line from stdin. Default: $" + APIKEY_VARIABLE + ".")
    String apikey;

    @Option(names = "--url", paramLabel = "URL", defaultValue = DEFAULT_URL,
            description = "Server URL (default: ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--account", paramLabel = "ACCOUNT_ID",
            description = "Account to get tokens for (default: the key's own account).")
    String account;

    private final UnaryOperator<String> environment;

    public LoginCommand() {
        this(System::getenv);
    }

    /** For tests: {@code environment} stands in for {@link System#getenv(String)}. */
    LoginCommand(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    @Override
    protected int execute() {
        URI server = checkedUrl();
        Profile profile = new Profile(server.toString(), apikey(), blankToNull(account), null);
        if ("http".equalsIgnoreCase(server.getScheme()) && !LOOPBACK_HOSTS.contains(server.getHost())) {
            err().println("latchkey: warning: " + profile.url() + " is plain http; the API key crosses the network unencrypted");
        }
        try (ApiClient client = new ApiClient(ProfileStore.locate(), profile, Clock.systemUTC())) {
            AccessToken token = client.refreshToken();
            String accountId = token.accountId() != null ? token.accountId() : profile.accountId();
            if (json()) {
                print(Json.object().put("url", profile.url()).put("iam_id", token.iamId()).put("account_id", accountId));
            } else {
                out().println("Logged in to " + profile.url() + " as " + TerminalText.safe(orUnknown(token.iamId()))
                        + " in account " + TerminalText.safe(orUnknown(accountId)) + ".");
            }
            return 0;
        }
    }

    private String apikey() {
        String value = apikey != null ? apikey : environment.apply(APIKEY_VARIABLE);
        if (value == null || value.isBlank()) {
            throw new ParameterException(spec.commandLine(),
                    "Missing API key: give --apikey KEY, --apikey - (read from stdin) or set " + APIKEY_VARIABLE);
        }
        if (value.equals("-")) {
            value = readStdinLine();
            if (value == null || value.isBlank()) {
                throw new CliException("no API key on stdin");
            }
        }
        return value.strip();
    }

    private URI checkedUrl() {
        try {
            URI server = new URI(url.strip());
            boolean http = "http".equalsIgnoreCase(server.getScheme()) || "https".equalsIgnoreCase(server.getScheme());
            if (http && server.getHost() != null && server.getRawQuery() == null && server.getRawFragment() == null) {
                return server;
            }
        } catch (URISyntaxException invalid) {
            // reported below, with the expected shape
        }
        throw new ParameterException(spec.commandLine(),
                "Invalid value for option '--url': expected http(s)://HOST[:PORT][/PATH] but was '" + url + "'");
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static String orUnknown(String text) {
        return text == null ? "(unknown)" : text;
    }
}
