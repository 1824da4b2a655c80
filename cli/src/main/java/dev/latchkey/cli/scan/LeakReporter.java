package dev.latchkey.cli.scan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.latchkey.cli.ApiClient;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Sends found API keys to the leak intake of the logged-in server, {@code POST /v1/leaks}, in GitHub's
 * secret-scanning partner format: a JSON array of {@code {token, type, url, source}}, at most
 * {@value #BATCH_SIZE} per request. The answer is read the same way GitHub reads a partner's: an array of
 * {@code {token_raw | token_hash, token_type, label}}. Not thread-safe.
 */
public final class LeakReporter {
    static final int BATCH_SIZE = 1000;
    static final String TYPE = "latchkey_api_key";
    static final String SOURCE = "latchkey-scan";
    static final String PATH = "/v1/leaks";

    private final ApiClient client;

    public LeakReporter(ApiClient client) {
        this.client = client;
    }

    /**
     * Reports {@code findings} (all must be reportable) and returns the server's label for each, such as
     * {@code true_positive} or {@code false_positive}; a finding the server said nothing about maps to null.
     * A failed request throws {@link dev.latchkey.cli.CliException}; batches sent before it stay reported.
     */
    public Map<Finding, String> report(List<Finding> findings) {
        Map<Finding, String> labels = new IdentityHashMap<>();
        for (int from = 0; from < findings.size(); from += BATCH_SIZE) {
            List<Finding> batch = findings.subList(from, Math.min(findings.size(), from + BATCH_SIZE));
            JsonNode answer = client.send("POST", PATH, body(batch), Map.of()).body();
            labels.putAll(labels(batch, answer));
        }
        return labels;
    }

    static ArrayNode body(List<Finding> batch) {
        ArrayNode body = JsonNodeFactory.instance.arrayNode();
        for (Finding finding : batch) {
            if (!finding.kind().reportable()) {
                throw new IllegalArgumentException("the leak intake takes API keys only, not " + finding.kind());
            }
            body.addObject()
                    .put("token", finding.token())
                    .put("type", TYPE)
                    .put("url", url(finding))
                    .put("source", SOURCE);
        }
        return body;
    }

    /** {@code file:///absolute/path#L12}, with the path percent-encoded where a URI needs it. */
    static String url(Finding finding) {
        return finding.file().toAbsolutePath().normalize().toUri() + "#L" + finding.line();
    }

    /**
     * Matches the answer to the batch by {@code token_raw}, else by {@code token_hash} (hex SHA-256 of the token),
     * else, for an entry that names no token, by its position in the array.
     */
    private static Map<Finding, String> labels(List<Finding> batch, JsonNode answer) {
        Map<String, String> byToken = new HashMap<>();
        Map<String, String> byHash = new HashMap<>();
        Map<Integer, String> byPosition = new HashMap<>();
        if (answer != null && answer.isArray()) {
            for (int i = 0; i < answer.size(); i++) {
                JsonNode entry = answer.get(i);
                JsonNode label = entry.path("label");
                if (!label.isTextual()) {
                    continue;
                }
                if (entry.path("token_raw").isTextual()) {
                    byToken.put(entry.get("token_raw").asText(), label.asText());
                } else if (entry.path("token_hash").isTextual()) {
                    byHash.put(entry.get("token_hash").asText().toLowerCase(Locale.ROOT), label.asText());
                } else {
                    byPosition.put(i, label.asText());
                }
            }
        }
        Map<Finding, String> labels = new IdentityHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            Finding finding = batch.get(i);
            String label = byToken.get(finding.token());
            if (label == null && !byHash.isEmpty()) {
                label = byHash.get(sha256(finding.token()));
            }
            if (label == null) {
                label = byPosition.get(i);
            }
            labels.put(finding, label);
        }
        return labels;
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }
}
