package dev.latchkey.core.serviceid;

import dev.latchkey.core.apikey.CreatedApiKey;

/** A new service ID and, when one was asked for, its first API key with the value (shown this once). */
public record CreatedServiceId(ServiceId serviceId, CreatedApiKey apiKey) {
}
