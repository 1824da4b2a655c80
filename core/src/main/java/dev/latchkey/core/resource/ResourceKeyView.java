package dev.latchkey.core.resource;

/** A resource key with its credentials as this caller may see them. */
public record ResourceKeyView(ResourceKey key, Credentials credentials) {
}
