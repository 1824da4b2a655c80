package dev.latchkey.core.resource;

/**
 * A request to create a resource key, as the client sent it. {@code source} is the instance's guid or CRN;
 * {@code role} a role CRN or name (null: Writer); {@code serviceIdCrn} ({@code parameters.serviceid_crn}) names an
 * existing service ID to use instead of making one. Null means the client left the field out.
 */
public record CreateResourceKey(String name, String source, String role, String serviceIdCrn) {
}
