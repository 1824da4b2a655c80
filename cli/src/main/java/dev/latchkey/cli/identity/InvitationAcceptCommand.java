package dev.latchkey.cli.identity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.latchkey.cli.ApiCommand;
import dev.latchkey.cli.CliException;
import dev.latchkey.cli.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code latchkey invitation-accept}: accepts an invitation with its token and, for a new user, sets the first
 * password (read from stdin or {@code LATCHKEY_PASSWORD}, never from the command line). Needs no login.
 */
@Command(name = "invitation-accept", mixinStandardHelpOptions = true,
        description = "Accepts an invitation; a new user chooses a password (stdin or LATCHKEY_PASSWORD).")
public final class InvitationAcceptCommand extends ApiCommand {
    @Option(names = "--url", defaultValue = "http://127.0.0.1:8080", description = "Server URL (default ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--token", required = true, paramLabel = "TOKEN", description = "The invitation token.")
    String token;

    @Option(names = "--first-name", description = "Your given name.")
    String firstName;

    @Option(names = "--last-name", description = "Your family name.")
    String lastName;

    @Override
    protected int execute() {
        String password = System.getenv("LATCHKEY_PASSWORD");
        if (password == null || password.isEmpty()) {
            err().print("Password (12 characters or more): ");
            err().flush();
            password = readStdinLine();
        }
        if (password == null || password.isEmpty()) {
            throw new CliException("a password is needed: type it on stdin or set LATCHKEY_PASSWORD");
        }
        ObjectNode body = Json.object().put("invitation_token", token).put("password", password);
        if (firstName != null) {
            body.put("firstname", firstName);
        }
        if (lastName != null) {
            body.put("lastname", lastName);
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(url.replaceAll("/+$", "") + "/v2/users/accept"))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode answer = response.body().isEmpty() ? Json.object() : Json.parse(response.body());
            if (response.statusCode() / 100 != 2) {
                throw new CliException(answer.path("errors").path(0).path("message").asText("HTTP " + response.statusCode())
                        + " (HTTP " + response.statusCode() + ")");
            }
            if (json()) {
                print(answer);
            } else {
                out().println("Welcome, " + Json.text(answer, "email") + ": you are a member of account "
                        + Json.text(answer, "account_id") + ". Get a token with the password grant, or create an API key.");
            }
            return 0;
        } catch (ConnectException e) {
            throw new CliException("cannot reach " + url + ": is the server running?");
        } catch (IOException e) {
            throw new CliException("the request to " + url + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
    }
}
