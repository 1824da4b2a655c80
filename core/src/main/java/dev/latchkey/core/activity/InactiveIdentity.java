package dev.latchkey.core.activity;

import java.time.Instant;

/**
 * One line of an activity report: a user, an API key or a service ID that did not authenticate within the
 * report's duration. For a key, {@code ownerId} and {@code ownerName} name the user or service ID it belongs to
 * ({@code email} is the user's); for a user, {@code id} is the IAM ID. {@code lastAuthn} is null when never.
 */
public record InactiveIdentity(Kind kind, String id, String name, String ownerId, String ownerName, String email,
                               Instant lastAuthn) {

    public enum Kind { USER, USER_APIKEY, SERVICEID_APIKEY, SERVICEID }
}
