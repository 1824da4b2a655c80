package dev.latchkey.core.serviceid;

/**
 * A request to change a service ID group. {@code name} is required, as in IBM's request; a null
 * {@code description} leaves it unchanged and an empty one clears it.
 */
public record UpdateServiceIdGroup(String name, String description) {
}
