package dev.latchkey.console.apikey;

import dev.latchkey.core.classic.ClassicKeyService;
import dev.latchkey.core.common.Principal;
import java.time.Instant;
import java.util.List;

/**
 * The classic infrastructure API keys as a section draws them, on the API keys page (the "Classic infrastructure
 * API keys" View) and on a user's details page: the keys the signed-in user may see (their own, and those of the
 * users they are an ancestor of, as {@link ClassicKeyService#list} decides), "Create classic infrastructure API key"
 * when they have none, Show for their own, Delete with a confirmation.
 *
 * @param actions where the section's forms post: {@code actions} creates, {@code actions/ID/show} shows the value,
 *                {@code actions/ID/delete} deletes
 * @param back    the page a deletion returns to
 * @param shown   the signed-in user's own key, shown on request (a POST answer, never cached), or null
 */
public record ClassicSection(String csrf, String actions, String back, boolean mayCreate, List<Row> rows,
                             Shown shown) {

    public record Row(String id, String owner, String displayPrefix, Instant created, boolean mine) {
    }

    /** A classic key's value, shown to its owner. */
    public record Shown(String owner, String apikey) {
    }

    /** The classic keys {@code me} may see, of everyone ({@code ofIamId} null) or of one user. */
    public static List<Row> rows(ClassicKeyService classicKeys, Principal me, String ofIamId) {
        return classicKeys.list(me).stream().filter(v -> ofIamId == null || v.key().iamId().equals(ofIamId))
                .map(v -> new Row(v.key().id(), v.owner().email(), v.key().displayPrefix(), v.key().createdAt(),
                        v.key().iamId().equals(me.iamId()))).toList();
    }
}
