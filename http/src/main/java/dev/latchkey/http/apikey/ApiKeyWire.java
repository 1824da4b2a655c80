package dev.latchkey.http.apikey;

import dev.latchkey.core.apikey.Activity;
import dev.latchkey.core.apikey.ApiKey;
import dev.latchkey.core.common.EntityTag;
import dev.latchkey.core.common.HistoryEntry;
import dev.latchkey.http.IbmDates;
import java.util.List;

/**
 * IBM's {@code ApiKey} body, fields in IBM's order with booleans always present (reference §2). {@code apikey}
 * is set in the create response, and on reads of a service ID key created with {@code store_value=true};
 * {@code history} and {@code activity} only when asked for. Also nested in the service ID create response.
 * {@code resource_key_crn} is Latchkey's addition (IBM's SDKs ignore unknown fields): set on a key that backs a
 * service credential, naming that resource key.
 */
public record ApiKeyWire(String id, String entityTag, String crn, boolean locked, boolean disabled, String createdAt,
                  String createdBy, String modifiedAt, boolean supportSessions, String actionWhenLeaked,
                  String name, String description, String iamId, String accountId, String expiresAt,
                  String apikey, List<HistoryWire> history, ActivityWire activity, String resourceKeyCrn) {

    public record HistoryWire(String timestamp, String iamId, String iamIdAccount, String action, List<String> params,
                       String message) {
        public static HistoryWire of(HistoryEntry e) {
            return new HistoryWire(IbmDates.format(e.timestamp()), e.iamId(), e.iamIdAccount(), e.action(),
                    e.params(), e.message());
        }
    }

    public record ActivityWire(String lastAuthn, long authnCount) {
        public static ActivityWire of(Activity a) {
            return new ActivityWire(IbmDates.format(a.lastAuthn()), a.authnCount());
        }
    }

    public static ApiKeyWire of(ApiKey k, String value, List<HistoryEntry> history, Activity activity) {
        return new ApiKeyWire(k.id(), EntityTag.of(k.id(), k.version()), k.crn(), k.locked(), k.disabled(),
                IbmDates.format(k.createdAt()), k.createdBy(), IbmDates.format(k.modifiedAt()), k.supportSessions(),
                k.actionWhenLeaked().wire(), k.name(), k.description(), k.iamId(), k.accountId(),
                IbmDates.format(k.expiresAt()), value,
                history == null ? null : history.stream().map(HistoryWire::of).toList(),
                activity == null ? null : ActivityWire.of(activity), null);
    }

    /** This body marked as the API key of the service credential {@code keyCrn} (null: not one). */
    public ApiKeyWire withResourceKeyCrn(String keyCrn) {
        return new ApiKeyWire(id, entityTag, crn, locked, disabled, createdAt, createdBy, modifiedAt, supportSessions,
                actionWhenLeaked, name, description, iamId, accountId, expiresAt, apikey, history, activity, keyCrn);
    }

    /** IBM's {@code ApiKeyList}: {@code next} and {@code previous} are absolute URLs, absent at the ends. */
    record ListWire(long offset, long limit, String first, String previous, String next, List<ApiKeyWire> apikeys) {
    }
}
