/**
 * Commands for service instances and their credentials (resource keys) through IBM Resource Controller's
 * {@code /v2/resource_instances} and {@code /v2/resource_keys}. {@link dev.latchkey.cli.resource.ResourceResolver}
 * turns the {@code NAME|ID} arguments they share (a name, a guid or a CRN) into an instance or a key.
 */
package dev.latchkey.cli.resource;
