package dev.latchkey.core.notification;

import java.net.URI;
import java.util.Map;

/**
 * Port for one webhook request: POST {@code body} (JSON) with {@code headers} to {@code url}. A 2xx answer is
 * {@link DeliveryOutcome.Delivered}; anything else, a timeout or a connection failure is
 * {@link DeliveryOutcome.Failed} with a reason that never repeats the URL (it may hold a token). Thread-safe.
 */
public interface WebhookSender {
    DeliveryOutcome post(URI url, Map<String, String> headers, String body);
}
