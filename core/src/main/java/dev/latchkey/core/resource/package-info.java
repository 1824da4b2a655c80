/**
 * Service instances and their credentials, in IBM Resource Controller's vocabulary: a {@link
 * dev.latchkey.core.resource.ResourceInstance} of a service in an account, and {@link
 * dev.latchkey.core.resource.ResourceKey}s on it. A resource key is the seed's "service-specific API key": a service
 * ID, a retrievable API key of that service ID and a policy granting one role on exactly that instance, created
 * and removed together in one transaction by {@link dev.latchkey.core.resource.ResourceService}. Deletes are soft
 * (state {@code removed}), as at IBM. The {@link dev.latchkey.core.resource.PlanCatalogue} says which service a plan
 * id names, so that an instance can be created with its plan alone.
 */
package dev.latchkey.core.resource;
