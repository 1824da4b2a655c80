package dev.latchkey.http.serviceid;

import dev.latchkey.core.common.EntityTag;
import dev.latchkey.core.serviceid.ServiceIdGroup;
import dev.latchkey.http.IbmDates;
import java.util.List;

/**
 * IBM's {@code ServiceIdGroup} body, fields in IBM's order; {@code description} only when the group has one
 * (decision 0043).
 */
record ServiceIdGroupWire(String id, String entityTag, String accountId, String crn, String name, String description,
                          String createdAt, String createdBy, String modifiedAt) {

    static ServiceIdGroupWire of(ServiceIdGroup g) {
        return new ServiceIdGroupWire(g.id(), EntityTag.of(g.id(), g.version()), g.accountId(), g.crn(), g.name(),
                g.description(), IbmDates.format(g.createdAt()), g.createdBy(), IbmDates.format(g.modifiedAt()));
    }

    /** IBM's {@code ServiceIdGroupList}: every group of the account, without paging. */
    record ListWire(List<ServiceIdGroupWire> serviceidGroups) {
    }
}
