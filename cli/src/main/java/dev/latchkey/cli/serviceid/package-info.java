/**
 * Commands that list, show, create, update, delete and lock service IDs through {@code /v1/serviceids/}, and
 * create API keys for them through {@code /v1/apikeys}. {@link dev.latchkey.cli.serviceid.ServiceIdResolver}
 * turns the {@code NAME|ID} argument they share into a service ID.
 */
package dev.latchkey.cli.serviceid;
