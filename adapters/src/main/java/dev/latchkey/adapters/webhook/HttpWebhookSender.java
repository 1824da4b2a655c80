package dev.latchkey.adapters.webhook;

import dev.latchkey.core.notification.DeliveryOutcome;
import dev.latchkey.core.notification.WebhookSender;
import dev.latchkey.core.notification.WebhookTargets;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

/**
 * Webhook requests with the JDK's {@link HttpClient}: POST, a 10-second limit, no redirects (a 3xx is a failure,
 * so a request never goes where the endpoint's owner did not point it); 2xx is delivered. The host is checked
 * against {@link WebhookTargets} before every request, so an endpoint whose name now resolves to an internal
 * address gets nothing. Failure reasons name the status or the kind of network error, never the URL, which may
 * carry a token. Thread-safe.
 */
public final class HttpWebhookSender implements WebhookSender, AutoCloseable {
    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    private final WebhookTargets targets;
    /**
     * Made by the first request: a JDK client sets up TLS (about 180 classes and the trust store) when it is built,
     * which a node that never sends a webhook need not pay for at start (decision record 0037).
     */
    private HttpClient client;
    private boolean closed;

    public HttpWebhookSender(WebhookTargets targets) {
        this.targets = targets;
    }

    @Override
    public DeliveryOutcome post(URI url, Map<String, String> headers, String body) {
        var refusal = targets.refusal(url.getHost());
        if (refusal.isPresent()) {
            return new DeliveryOutcome.Failed("not sent: " + refusal.get());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(TIMEOUT)
                .header("User-Agent", "Latchkey-Webhooks/0.1").POST(HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        try {
            int status = client().send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            return status >= 200 && status < 300 ? new DeliveryOutcome.Delivered()
                    : new DeliveryOutcome.Failed("HTTP " + status + " from the endpoint");
        } catch (HttpConnectTimeoutException e) {
            return new DeliveryOutcome.Failed("could not connect within " + TIMEOUT.toSeconds() + " s");
        } catch (HttpTimeoutException e) {
            return new DeliveryOutcome.Failed("no answer within " + TIMEOUT.toSeconds() + " s");
        } catch (ConnectException e) {
            return new DeliveryOutcome.Failed("connection refused or host unreachable");
        } catch (IOException e) {
            return new DeliveryOutcome.Failed("request failed: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new DeliveryOutcome.Failed("interrupted while sending (server stopping)");
        }
    }

    private synchronized HttpClient client() throws IOException {
        if (closed) {
            throw new IOException("webhook sender closed");
        }
        if (client == null) {
            client = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NEVER).build();
        }
        return client;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (client != null) {
            client.close();
        }
    }
}
