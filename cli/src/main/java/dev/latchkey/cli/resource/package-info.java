/**
 * Commands for service instances and their credentials (resource keys) through IBM Resource Controller's
 * {@code /v2/resource_instances} and {@code /v2/resource_keys}, and the plan catalogue, {@code /v2/resource_plans}
 * ({@link dev.latchkey.cli.resource.ResourcePlanCommands}). {@link dev.latchkey.cli.resource.ResourceResolver}
 * turns the {@code NAME|ID} arguments they share (a name, a guid or a CRN) into an instance or a key.
 */
package dev.latchkey.cli.resource;
