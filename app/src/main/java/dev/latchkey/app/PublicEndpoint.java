package dev.latchkey.app;

import java.io.IOException;
import java.net.ServerSocket;

/**
 * Where clients reach this node: the port it listens on (a free one for {@code --port 0}), the URL it calls itself
 * in paging links, notifications and the token issuer ({@code --public-url}, else derived from host and port), and
 * whether that URL was configured (paging links are absolute only then).
 */
record PublicEndpoint(int port, String url, boolean configured) {

    static PublicEndpoint of(ServerConfig config) throws IOException {
        int port = config.port() == 0 ? freePort() : config.port();
        if (config.publicUrl() != null) {
            String url = config.publicUrl();
            return new PublicEndpoint(port, url.endsWith("/") ? url.substring(0, url.length() - 1) : url, true);
        }
        String host = config.host().equals("0.0.0.0") ? "127.0.0.1" : config.host();
        String scheme = config.edge().tls() == null ? "http" : "https";
        return new PublicEndpoint(port, scheme + "://" + host + ":" + port, false);
    }

    /** The {@code iss} of every access token: the URL and {@code /identity}. */
    String issuer() {
        return url + "/identity";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
