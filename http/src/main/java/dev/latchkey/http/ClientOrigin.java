package dev.latchkey.http;

import dev.latchkey.core.settings.IpAllowList;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.eclipse.jetty.server.Request;

/**
 * Who sent a request and which URL they used: the one place that reads the client address, the scheme and the host
 * (decision record 0023). From a TCP peer in {@code --trusted-proxies} it believes {@code Forwarded} (RFC 7239),
 * else {@code X-Forwarded-For}, {@code -Proto} and {@code -Host}; from any other peer, and when no proxy is
 * trusted, those headers are ignored and the answer is the connection's own.
 * <ul>
 *   <li>The client address is the right-most forwarded address that is not itself a trusted proxy (every address
 *   to its left was written by the client or by an untrusted hop, so could be forged); when every one is trusted,
 *   the left-most. A forwarded value that is not an IP address (RFC 7239's {@code unknown}, an obfuscated
 *   identifier, garbage) makes the address {@value #UNKNOWN}, which no allow-list matches.</li>
 *   <li>The scheme and host are what the trusted proxy nearest to this server reports (the last {@code proto=} /
 *   {@code host=}, or the last {@code X-Forwarded-Proto} / {@code X-Forwarded-Host} value), when they are well
 *   formed ({@code http} or {@code https}; a host name or address with an optional port).</li>
 * </ul>
 * With no proxy trusted, nothing here parses a header or allocates beyond the peer's address string.
 */
public final class ClientOrigin {
    /** The client address when a trusted proxy forwarded something that is not an IP address. */
    public static final String UNKNOWN = "unknown";
    static final String ATTRIBUTE = "latchkey.origin";
    private static final ClientOrigin DIRECT = new ClientOrigin(null, false);
    private static final Pattern HOST = Pattern.compile(
            "(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*"
                    + "|\\[[0-9A-Fa-f:.]+\\])(?::[0-9]{1,5})?");

    private final IpAllowList proxies;
    private final boolean publicUrlHttps;

    private ClientOrigin(IpAllowList proxies, boolean publicUrlHttps) {
        this.proxies = proxies;
        this.publicUrlHttps = publicUrlHttps;
    }

    /** Trusts no proxy: every request is taken as it arrived. */
    public static ClientOrigin direct() {
        return DIRECT;
    }

    /**
     * Believes forwarding headers from {@code trustedProxies} (addresses, CIDR subnets or ranges, separated by commas;
     * blank or null trusts none). {@code publicUrl} is {@code --public-url} when configured, else null: an
     * {@code https} one makes the console's cookies Secure whatever the request says.
     *
     * @throws dev.latchkey.core.common.DomainException naming {@code --trusted-proxies} and the entry that is wrong
     */
    public static ClientOrigin trusting(String trustedProxies, String publicUrl) {
        IpAllowList parsed = IpAllowList.parse(trustedProxies, "--trusted-proxies");
        boolean https = publicUrl != null && publicUrl.regionMatches(true, 0, "https://", 0, 8);
        return new ClientOrigin(parsed.allowsEveryAddress() ? null : parsed, https);
    }

    /** True when at least one proxy is trusted. */
    public boolean trustsProxies() {
        return proxies != null;
    }

    // ----- Javalin routes and console pages: the resolver HttpServer attached to the request -----

    void attach(Context ctx) {
        ctx.attribute(ATTRIBUTE, this);
    }

    private static ClientOrigin of(Context ctx) {
        ClientOrigin origin = ctx.attribute(ATTRIBUTE);
        return origin == null ? DIRECT : origin;
    }

    /** The client's address: the forwarded one from a trusted proxy, else the TCP peer's. */
    public static String address(Context ctx) {
        ClientOrigin origin = of(ctx);
        String peer = ctx.req().getRemoteAddr();
        if (!origin.believes(peer)) {
            return peer;
        }
        return origin.forwarded(peer, name -> Collections.list(ctx.req().getHeaders(name))).address();
    }

    /** {@code http} or {@code https}: as a trusted proxy reports it, else how the request reached this server. */
    public static String scheme(Context ctx) {
        ClientOrigin origin = of(ctx);
        String own = ctx.scheme();
        String peer = origin.proxies == null ? null : ctx.req().getRemoteAddr();
        if (!origin.believes(peer)) {
            return own;
        }
        String scheme = origin.forwarded(peer, name -> Collections.list(ctx.req().getHeaders(name))).scheme();
        return scheme == null ? own : scheme;
    }

    /** The host (and port) the client asked for: as a trusted proxy reports it, else the {@code Host} header. */
    public static String host(Context ctx) {
        ClientOrigin origin = of(ctx);
        String own = ctx.host();
        String peer = origin.proxies == null ? null : ctx.req().getRemoteAddr();
        if (!origin.believes(peer)) {
            return own;
        }
        String host = origin.forwarded(peer, name -> Collections.list(ctx.req().getHeaders(name))).host();
        return host == null ? own : host;
    }

    /** {@code scheme://host} of the request as the client made it (see {@link #scheme} and {@link #host}). */
    public static String baseUrl(Context ctx) {
        return scheme(ctx) + "://" + host(ctx);
    }

    /**
     * Whether cookies must be Secure: the configured {@code --public-url} is {@code https}, or the request came over
     * TLS (to this server, or to a trusted proxy that says so).
     */
    public static boolean secure(Context ctx) {
        return of(ctx).publicUrlHttps || "https".equals(scheme(ctx));
    }

    // ----- the direct routes (Exchange), on Jetty's own request -----

    /** The client's address for a direct route; with no proxy trusted, the peer's, nothing else read. */
    String address(Request request) {
        String peer = Request.getRemoteAddr(request);
        if (proxies == null || !proxies.allows(peer)) {
            return peer;
        }
        return forwarded(peer, name -> request.getHeaders().getValuesList(name)).address();
    }

    /** {@code scheme://host} for a direct route, as {@link #baseUrl(Context)}. */
    String baseUrl(Request request) {
        String scheme = request.getHttpURI().getScheme();
        String host = Request.getServerName(request);
        int port = Request.getServerPort(request);
        String ownHost = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        boolean defaultPort = port <= 0 || ("https".equals(scheme) ? port == 443 : port == 80);
        String authority = defaultPort ? ownHost : ownHost + ":" + port;
        String peer = Request.getRemoteAddr(request);
        if (proxies != null && proxies.allows(peer)) {
            Forwarded forwarded = forwarded(peer, name -> request.getHeaders().getValuesList(name));
            if (forwarded.scheme() != null) {
                scheme = forwarded.scheme();
            }
            if (forwarded.host() != null) {
                authority = forwarded.host();
            }
        }
        return scheme + "://" + authority;
    }

    // ----- the resolution itself -----

    private boolean believes(String peer) {
        return proxies != null && peer != null && proxies.allows(peer);
    }

    /** Every value of one request header, in order; an empty list when absent. */
    @FunctionalInterface
    interface Headers {
        List<String> all(String name);
    }

    /** What a trusted peer forwarded: the client address, and the scheme and host when reported (else null). */
    record Forwarded(String address, String scheme, String host) {
    }

    /** Resolves the forwarding headers of a request whose peer {@code peer} is a trusted proxy. */
    Forwarded forwarded(String peer, Headers headers) {
        List<String> forwarded = headers.all("Forwarded");
        List<String> chain = new ArrayList<>();
        String scheme = null;
        String host = null;
        if (!forwarded.isEmpty()) {
            for (String value : forwarded) {
                for (String element : split(value, ',')) {
                    String proto = null;
                    String hostValue = null;
                    String forValue = null;
                    for (String pair : split(element, ';')) {
                        int eq = pair.indexOf('=');
                        if (eq <= 0) {
                            continue;
                        }
                        String name = pair.substring(0, eq).strip().toLowerCase(Locale.ROOT);
                        String v = unquote(pair.substring(eq + 1).strip());
                        switch (name) {
                            case "for" -> forValue = v;
                            case "proto" -> proto = v;
                            case "host" -> hostValue = v;
                            default -> { } // "by" and extensions say nothing about the client
                        }
                    }
                    if (forValue != null) {
                        chain.add(forValue);
                    }
                    if (proto != null) {
                        scheme = proto;
                    }
                    if (hostValue != null) {
                        host = hostValue;
                    }
                }
            }
        } else {
            for (String value : headers.all("X-Forwarded-For")) {
                for (String item : split(value, ',')) {
                    chain.add(item.strip());
                }
            }
            scheme = last(headers.all("X-Forwarded-Proto"));
            host = last(headers.all("X-Forwarded-Host"));
        }
        return new Forwarded(client(peer, chain), scheme(scheme), host(host));
    }

    /** The right-most address of {@code chain} that is not a trusted proxy; the left-most when all are. */
    private String client(String peer, List<String> chain) {
        String candidate = peer;
        for (int i = chain.size() - 1; i >= 0; i--) {
            String address = literal(chain.get(i));
            if (address == null) {
                return UNKNOWN;
            }
            candidate = address;
            if (!proxies.allows(address)) {
                return address;
            }
        }
        return candidate;
    }

    /** An address as forwarded ({@code 192.0.2.1}, {@code 192.0.2.1:4711}, {@code [2001:db8::1]:4711}), or null. */
    private static String literal(String value) {
        String text = value.strip();
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                return null;
            }
            text = text.substring(1, close);
        } else if (text.indexOf(':') > 0 && text.indexOf(':') == text.lastIndexOf(':') && text.indexOf('.') > 0) {
            text = text.substring(0, text.indexOf(':')); // IPv4 with a port
        }
        return IpAllowList.isAddress(text) && text.indexOf('%') < 0 ? text : null;
    }

    private static String scheme(String value) {
        if (value == null) {
            return null;
        }
        String scheme = value.strip().toLowerCase(Locale.ROOT);
        return scheme.equals("http") || scheme.equals("https") ? scheme : null;
    }

    private static String host(String value) {
        if (value == null) {
            return null;
        }
        String host = value.strip();
        return host.length() <= 261 && HOST.matcher(host).matches() ? host : null;
    }

    /** The last comma-separated item of the last value, or null. */
    private static String last(List<String> values) {
        if (values.isEmpty()) {
            return null;
        }
        List<String> items = split(values.getLast(), ',');
        return items.isEmpty() ? null : items.getLast().strip();
    }

    /** Splits on {@code separator} outside double quotes; empty items are left out. */
    private static List<String> split(String value, char separator) {
        List<String> items = new ArrayList<>();
        if (value == null) {
            return items;
        }
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\\' && quoted) {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == separator && !quoted) {
                add(items, value.substring(start, i));
                start = i + 1;
            }
        }
        add(items, value.substring(start));
        return items;
    }

    private static void add(List<String> items, String item) {
        if (!item.isBlank()) {
            items.add(item.strip());
        }
    }

    /** An RFC 7230 quoted-string's content, or the token as it is. */
    private static String unquote(String value) {
        if (value.length() < 2 || value.charAt(0) != '"' || value.charAt(value.length() - 1) != '"') {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 1; i < value.length() - 1; i++) {
            char c = value.charAt(i);
            if (c == '\\' && i + 1 < value.length() - 1) {
                c = value.charAt(++i);
            }
            out.append(c);
        }
        return out.toString();
    }
}
