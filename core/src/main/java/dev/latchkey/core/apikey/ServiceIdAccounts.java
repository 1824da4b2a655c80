package dev.latchkey.core.apikey;

import java.util.Optional;

/**
 * Which account a service ID belongs to, for the API keys made for it. API keys own this port and the service ID
 * store implements it, so that apikey does not depend on serviceid, which depends on apikey (a service ID is
 * created with its first key).
 */
@FunctionalInterface
public interface ServiceIdAccounts {
    /** The account of the service ID whose IAM id is {@code serviceIdIamId}; empty when there is none. */
    Optional<String> accountOf(String serviceIdIamId);
}
