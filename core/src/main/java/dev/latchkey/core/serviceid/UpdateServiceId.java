package dev.latchkey.core.serviceid;

import java.util.List;

/**
 * A request to change a service ID. Null leaves a field unchanged; an empty {@code description} clears it and an
 * empty list removes every unique instance CRN.
 */
public record UpdateServiceId(String name, String description, List<String> uniqueInstanceCrns) {
}
