package dev.latchkey.core.apikey;

import java.util.Collection;
import java.util.Map;

/**
 * Which API keys back a service credential (a resource key of {@code core.resource}), so that views of API keys can
 * mark them: those keys are managed through their credential. Implementations are thread-safe.
 */
@FunctionalInterface
public interface CredentialLinks {
    /** Links nothing: for a server without service credentials. */
    CredentialLinks NONE = apiKeyIds -> Map.of();

    /** The CRN of the live resource key each of {@code apiKeyIds} backs; keys that back none are absent. */
    Map<String, String> resourceKeyCrns(Collection<String> apiKeyIds);
}
