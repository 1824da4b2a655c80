package dev.latchkey.core.serviceid;

/**
 * A request to create a service ID group, as the client sent it; the service validates every field. Null means the
 * client left the field out; a null {@code accountId} is the caller's account.
 */
public record CreateServiceIdGroup(String accountId, String name, String description) {
}
