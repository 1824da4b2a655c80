package dev.latchkey.core.apikey;

/**
 * A listing request as the client sent it (all fields optional but paging). {@code scope} is {@code entity}
 * (one identity's keys) or {@code account} (every key in the account).
 */
public record ListApiKeys(String accountId, String iamId, String scope, String type, String filter, String sort,
                          String order, int offset, int limit) {
}
