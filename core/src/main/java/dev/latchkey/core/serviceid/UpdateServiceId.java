package dev.latchkey.core.serviceid;

import java.util.List;

/**
 * A request to change a service ID. Null leaves a field unchanged; an empty {@code description} clears it, an
 * empty list removes every unique instance CRN, and an empty {@code groupId} moves it back to the account's
 * default group.
 */
public record UpdateServiceId(String name, String description, List<String> uniqueInstanceCrns, String groupId) {

    /** A change that leaves the group alone. */
    public UpdateServiceId(String name, String description, List<String> uniqueInstanceCrns) {
        this(name, description, uniqueInstanceCrns, null);
    }
}
