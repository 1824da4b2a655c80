package dev.latchkey.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Reads and writes {@code profile.json} in the CLI's config directory. The directory is created
 * 0700 and the file written 0600 through a temporary file and an atomic move, so a reader never
 * sees half a profile and the API key is never readable by other users.
 */
public final class ProfileStore {
    /** System property naming the config directory; wins over the environment (tests set it). */
    public static final String DIRECTORY_PROPERTY = "latchkey.config.dir";
    static final String FILE_NAME = "profile.json";

    private final Path directory;

    public ProfileStore(Path directory) {
        this.directory = directory;
    }

    /**
     * The store in the configured directory: property {@code latchkey.config.dir}, else
     * {@code $LATCHKEY_CONFIG_DIR}, else {@code $XDG_CONFIG_HOME/latchkey}, else {@code ~/.config/latchkey}.
     */
    public static ProfileStore locate() {
        String property = System.getProperty(DIRECTORY_PROPERTY);
        if (property != null && !property.isBlank()) {
            return new ProfileStore(Path.of(property));
        }
        String configDir = System.getenv("LATCHKEY_CONFIG_DIR");
        if (configDir != null && !configDir.isBlank()) {
            return new ProfileStore(Path.of(configDir));
        }
        String xdg = System.getenv("XDG_CONFIG_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".config");
        return new ProfileStore(base.resolve("latchkey"));
    }

    public Path file() {
        return directory.resolve(FILE_NAME);
    }

    /** The saved profile, or empty when nobody has logged in yet. */
    public Optional<Profile> load() {
        if (!Files.exists(file())) {
            return Optional.empty();
        }
        try {
            return Optional.of(fromJson(Json.parse(Files.readString(file(), StandardCharsets.UTF_8))));
        } catch (IOException | IllegalArgumentException unreadable) {
            throw new CliException("cannot read " + file() + "; run 'latchkey login' again to rewrite it");
        }
    }

    public void save(Profile profile) {
        try {
            PrivateFiles.createDirectory(directory);
            Path temporary = PrivateFiles.createTempFile(directory, FILE_NAME);
            try {
                Files.writeString(temporary, Json.pretty(toJson(profile)), StandardCharsets.UTF_8);
                Files.move(temporary, file(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException failure) {
            throw new CliException("cannot write " + file() + ": " + failure.getMessage());
        }
    }

    private static ObjectNode toJson(Profile profile) {
        ObjectNode json = Json.object();
        json.put("url", profile.url());
        json.put("apikey", profile.apikey());
        if (profile.accountId() != null) {
            json.put("account_id", profile.accountId());
        }
        AccessToken token = profile.token();
        if (token != null) {
            ObjectNode cached = json.putObject("token");
            cached.put("access_token", token.value());
            cached.put("expiration", token.expiration());
            cached.put("iam_id", token.iamId());
            cached.put("account_id", token.accountId());
        }
        return json;
    }

    private static Profile fromJson(JsonNode json) {
        JsonNode cached = json.path("token");
        AccessToken token = Json.text(cached, "access_token") == null ? null
                : new AccessToken(Json.text(cached, "access_token"), cached.path("expiration").asLong(),
                        Json.text(cached, "iam_id"), Json.text(cached, "account_id"));
        return new Profile(Json.text(json, "url"), Json.text(json, "apikey"), Json.text(json, "account_id"), token);
    }
}
