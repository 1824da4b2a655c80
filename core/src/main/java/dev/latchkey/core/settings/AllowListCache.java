package dev.latchkey.core.settings;

import dev.latchkey.core.common.DomainException;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Allow-lists parsed once per node by their text, for the token path: a user's {@code allowed_ip_addresses}
 * (decision 0044) arrives with the cached membership on every exchange, and parsing it there each time would
 * repeat the same work per token. Keyed by the exact text, so a changed list is a new entry and nothing needs
 * evicting; at most {@code capacity} entries, emptied when full (lists are few and short). Thread-safe.
 */
public final class AllowListCache {
    private final int capacity;
    private final ConcurrentHashMap<String, Optional<IpAllowList>> parsed = new ConcurrentHashMap<>();

    public AllowListCache(int capacity) {
        this.capacity = capacity;
    }

    /**
     * True when {@code clientAddress} may ask, by the list {@code text} (empty or blank: any address). A stored
     * list that does not parse (written by hand, say) allows no address: it fails closed.
     */
    public boolean allows(String text, String clientAddress) {
        if (text == null || text.isBlank()) {
            return true;
        }
        Optional<IpAllowList> list = parsed.get(text);
        if (list == null) {
            if (parsed.size() >= capacity) {
                parsed.clear();
            }
            list = parse(text);
            parsed.put(text, list);
        }
        return list.map(l -> l.allows(clientAddress)).orElse(false);
    }

    private static Optional<IpAllowList> parse(String text) {
        try {
            return Optional.of(IpAllowList.parse(text));
        } catch (DomainException e) {
            return Optional.empty();
        }
    }
}
