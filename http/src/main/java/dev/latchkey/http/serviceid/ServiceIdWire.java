package dev.latchkey.http.serviceid;

import dev.latchkey.core.apikey.Activity;
import dev.latchkey.core.common.EntityTag;
import dev.latchkey.core.common.HistoryEntry;
import dev.latchkey.http.IbmDates;
import dev.latchkey.core.serviceid.ServiceId;
import dev.latchkey.http.apikey.ApiKeyWire;
import java.util.List;

/**
 * IBM's {@code ServiceId} body, fields in IBM's order, {@code locked} and {@code unique_instance_crns} always
 * present (reference §3). {@code apikey} is set only in the create response when a nested key was asked for;
 * {@code history} and {@code activity} only when asked for; {@code group_id}, as IBM's, only when asked for
 * ({@code show_group_id=true}) and the service ID is in a group (decision 0043). IBM's shape has no
 * {@code created_by}.
 */
record ServiceIdWire(String id, String iamId, String entityTag, String crn, boolean locked, String createdAt,
                     String modifiedAt, String accountId, String groupId, String name, String description,
                     List<String> uniqueInstanceCrns, List<ApiKeyWire.HistoryWire> history, ApiKeyWire apikey,
                     ApiKeyWire.ActivityWire activity) {

    /** {@code showGroup}: the client asked for {@code group_id} ({@code show_group_id=true}). */
    static ServiceIdWire of(ServiceId s, boolean showGroup, List<HistoryEntry> history, ApiKeyWire apikey,
                            Activity activity) {
        return new ServiceIdWire(s.id(), s.iamId(), EntityTag.of(s.id(), s.version()), s.crn(), s.locked(),
                IbmDates.format(s.createdAt()), IbmDates.format(s.modifiedAt()), s.accountId(),
                showGroup ? s.groupId() : null, s.name(), s.description(), s.uniqueInstanceCrns(),
                history == null ? null : history.stream().map(ApiKeyWire.HistoryWire::of).toList(), apikey,
                activity == null ? null : ApiKeyWire.ActivityWire.of(activity));
    }

    /** IBM's {@code ServiceIdList}: {@code next} and {@code previous} are absolute URLs, absent at the ends. */
    record ListWire(long offset, long limit, String first, String previous, String next,
                    List<ServiceIdWire> serviceids) {
    }
}
