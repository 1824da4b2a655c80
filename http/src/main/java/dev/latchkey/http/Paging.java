package dev.latchkey.http;

import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.Page;
import io.javalin.http.Context;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * IBM-style paging: {@code pagesize} (1–100, default 20) and an opaque {@code pagetoken}; the answer names the
 * neighbouring pages as absolute URLs that repeat the request's other parameters, because IBM's SDKs read the
 * token back out of {@code next}. Their scheme and host are {@code --public-url}'s when it is set, else the request's
 * as the client made it ({@link ClientOrigin}: forwarded by a trusted proxy, or as it arrived).
 */
public final class Paging {
    public static final int DEFAULT_SIZE = 20;
    public static final int MAX_SIZE = 100;
    private final String publicUrl;

    public Paging(String publicUrl) {
        this.publicUrl = publicUrl;
    }

    public static int size(Context ctx) {
        return size(ctx, "pagesize", DEFAULT_SIZE);
    }

    /** A page size from query parameter {@code param}, 1–{@value #MAX_SIZE}, {@code defaultSize} when absent. */
    public static int size(Context ctx, String param, int defaultSize) {
        String value = ctx.queryParam(param);
        if (value == null) {
            return defaultSize;
        }
        try {
            int size = Integer.parseInt(value.strip());
            if (size >= 1 && size <= MAX_SIZE) {
                return size;
            }
        } catch (NumberFormatException e) {
            // fall through to the error below
        }
        throw DomainException.invalid("Parameter '" + param + "' must be a whole number from 1 to " + MAX_SIZE + ".");
    }

    public static int offset(Context ctx) {
        return offset(ctx, "pagetoken");
    }

    /** The offset an opaque cursor in query parameter {@code param} stands for; 0 when absent. */
    public static int offset(Context ctx, String param) {
        String token = ctx.queryParam(param);
        if (token == null || token.isEmpty()) {
            return 0;
        }
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.US_ASCII);
            if (decoded.startsWith("o:")) {
                int offset = Integer.parseInt(decoded.substring(2));
                if (offset >= 0) {
                    return offset;
                }
            }
        } catch (IllegalArgumentException e) {
            // fall through to the error below
        }
        throw DomainException.invalid("Parameter '" + param + "' is not a token this server issued; start from the first page.");
    }

    /** The URL of the same listing at {@code offset}, or of the first page when {@code offset} is null. */
    public String url(Context ctx, Integer offset) {
        return url(ctx, "pagetoken", offset == null ? null : token(offset));
    }

    /** The URL of the same listing with {@code param} set to {@code cursor}, or left out when that is null. */
    public String url(Context ctx, String param, String cursor) {
        return base(ctx) + relativeUrl(ctx, param, cursor);
    }

    /** {@code --public-url} when it is set, else {@code scheme://host} as the client made the request. */
    public String base(Context ctx) {
        return publicUrl != null ? publicUrl : ClientOrigin.baseUrl(ctx);
    }

    /**
     * The path and query of the same listing with {@code param} set to {@code cursor} (left out when null): a
     * relative URL, as IBM's Resource Controller gives its {@code next_url}.
     */
    public static String relativeUrl(Context ctx, String param, String cursor) {
        Map<String, List<String>> params = ctx.queryParamMap();
        String query = params.entrySet().stream().filter(e -> !e.getKey().equals(param))
                .flatMap(e -> e.getValue().stream().map(v -> encode(e.getKey()) + "=" + encode(v)))
                .collect(Collectors.joining("&"));
        if (cursor != null) {
            query = query.isEmpty() ? param + "=" + cursor : query + "&" + param + "=" + cursor;
        }
        return query.isEmpty() ? ctx.path() : ctx.path() + "?" + query;
    }

    /** The {@code previous} and {@code next} URLs of a page; null where there is none. */
    public record Neighbours(String previous, String next) {
    }

    /**
     * The neighbours of a page read by position (keyset paging, decision 0038): {@code next} continues after the
     * page's last row and {@code previous} goes back from its first, each a {@link PageToken} with the position
     * {@code position} gives for a row (and whether the page is before it), and with the offset counted along. An
     * empty page past the start points back to the first page.
     */
    public <T> Neighbours neighbours(Context ctx, Page<T> page, int limit,
                                     BiFunction<T, Boolean, PageToken.Position> position) {
        int offset = page.offset();
        List<T> items = page.items();
        String previous = offset <= 0 ? null : items.isEmpty() ? url(ctx, null)
                : url(ctx, "pagetoken", PageToken.of(Math.max(0, offset - limit),
                        position.apply(items.getFirst(), true)));
        return new Neighbours(previous, next(ctx, "pagetoken", page, item -> position.apply(item, false)));
    }

    /**
     * The URL of the page after {@code page}, read by position: the same listing with {@code param} set to a
     * {@link PageToken} that continues after the page's last row ({@code position} gives a row's), with the offset
     * counted along; null on the last page.
     */
    public <T> String next(Context ctx, String param, Page<T> page, Function<T, PageToken.Position> position) {
        String token = nextToken(page, position);
        return token == null ? null : url(ctx, param, token);
    }

    /**
     * The {@link PageToken} of the page after {@code page}: it continues after the page's last row ({@code position}
     * gives a row's), with the offset counted along; null on the last page.
     */
    public static <T> String nextToken(Page<T> page, Function<T, PageToken.Position> position) {
        List<T> items = page.items();
        return page.hasMore() && !items.isEmpty()
                ? PageToken.of(page.offset() + items.size(), position.apply(items.getLast())) : null;
    }

    /** The opaque cursor for {@code offset}: URL-safe, so it goes into a query string as it is. */
    public static String token(int offset) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("o:" + offset).getBytes(StandardCharsets.US_ASCII));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
