package dev.latchkey.app;

import dev.latchkey.http.TlsCertificate;

/**
 * How requests reach this node: the proxies whose forwarding headers are believed ({@code --trusted-proxies}:
 * addresses, CIDR subnets or ranges, comma-separated; null trusts none) and the certificate for HTTPS on the main
 * port ({@code --tls-cert-file} and {@code --tls-key-file}, already read; null serves plain HTTP). Decision 0023.
 */
public record EdgeConfig(String trustedProxies, TlsCertificate tls) {
    /** No proxy trusted, plain HTTP. */
    public static final EdgeConfig DIRECT = new EdgeConfig(null, null);
}
