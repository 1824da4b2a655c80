package dev.latchkey.core.notification;

import dev.latchkey.core.settings.IpAllowList;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Where webhooks may be delivered: public addresses only, unless the operator names internal networks that may
 * be reached ({@code --webhook-allowed-networks}). An account administrator chooses a webhook's URL, and the
 * server makes the request; without this check such a URL could make the server POST into its own network (the
 * cloud metadata service at 169.254.169.254, a service on localhost, an internal admin API): server-side request
 * forgery. The host is checked when an endpoint is created and again before every delivery, because a name can
 * resolve elsewhere later. What this cannot close is the moment between that check and the connection, in which a
 * name with a zero TTL could resolve to another address (DNS rebinding); decision record 0014. Immutable and
 * thread-safe.
 */
public final class WebhookTargets {
    /** The server option that names the internal networks webhooks may reach. */
    public static final String OPTION = "--webhook-allowed-networks";
    /** No internal network may be reached. */
    public static final WebhookTargets PUBLIC_ONLY = new WebhookTargets(null);
    private final IpAllowList allowedInternal;

    private WebhookTargets(IpAllowList allowedInternal) {
        this.allowedInternal = allowedInternal;
    }

    /**
     * Public addresses and the internal ones in {@code networks} (addresses, CIDR subnets or ranges, separated by
     * commas or blanks, as an account's {@code allowed_ip_addresses}); blank or null allows no internal address.
     *
     * @throws dev.latchkey.core.common.DomainException naming {@link #OPTION} and the entry that is wrong
     */
    public static WebhookTargets allowing(String networks) {
        if (networks == null || networks.isBlank()) {
            return PUBLIC_ONLY;
        }
        return new WebhookTargets(IpAllowList.parse(networks, OPTION));
    }

    /**
     * Why a webhook may not go to {@code host}, or empty when it may: refused when any address the name resolves to
     * is internal and not allowed. A name that does not resolve is not refused here; its delivery fails by itself.
     * The reason names no address, so an account administrator cannot map the operator's network with it.
     */
    public Optional<String> refusal(String host) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
        for (InetAddress address : addresses) {
            if (isInternal(address) && (allowedInternal == null || !allowedInternal.allows(address.getHostAddress()))) {
                return Optional.of("the host is, or resolves to, an internal or reserved address; webhooks go to "
                        + "public addresses only unless the operator allows the network (" + OPTION + ")");
            }
        }
        return Optional.empty();
    }

    /**
     * Loopback, unspecified, link-local (with the cloud metadata address), private (RFC 1918), shared (100.64/10),
     * multicast and other reserved IPv4 (0/8, 240/4), IPv6 unique-local (fc00::/7), site-local (fec0::/10) and
     * IPv4-compatible (::/96). An IPv4-mapped IPv6 address is read as the IPv4 address it carries.
     */
    static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isAnyLocalAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (b.length == 4) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 || first >= 240 || first == 100 && (second & 0xc0) == 64;
        }
        boolean ipv4Compatible = true;
        for (int i = 0; i < 12; i++) {
            ipv4Compatible &= b[i] == 0;
        }
        return ipv4Compatible || (b[0] & 0xfe) == 0xfc;
    }
}
