package dev.latchkey.http;

import dev.latchkey.core.common.DomainException;
import dev.latchkey.core.common.Fields;
import io.javalin.http.Context;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Predicate;

/**
 * An opaque {@code pagetoken} as this server issues it (decision 0038): an offset (the older form, {@code o:N}, which
 * {@link Paging#token} still makes for the listings that page by offset), or a position in a listing's order, the
 * sort value and id of the row a page continues from, with the page's offset for the answer's {@code offset}.
 * URL-safe base64, so it goes into a query string as it is. Anything else is a 400, never a 500.
 *
 * @param position null for an offset token
 */
public record PageToken(int offset, Position position) {
    private static final PageToken FIRST = new PageToken(0, null);
    private static final byte POSITION = 'p';
    /**
     * The order of the listings that page by creation time, then id: members, resource instances and keys,
     * notifications.
     */
    private static final String CREATED_AT = "created_at";
    /** The longest id or time a position in creation order holds: ids are at most 64 characters (an IAM id). */
    private static final int MAX_CREATED_AT_POSITION = 64;

    /**
     * Where a page starts: after ({@code before} false) or before the row whose {@code sort} field has {@code value}
     * (null: the row has none) and whose id is {@code id}, in the order {@code sort} and {@code descending}.
     */
    public record Position(String sort, boolean descending, boolean before, String value, String id) {
        /** A position in creation order: after, or {@code before}, the row made at {@code createdAt}, id {@code id}. */
        public static Position createdAt(Instant createdAt, String id, boolean newestFirst, boolean before) {
            return new Position(CREATED_AT, newestFirst, before, createdAt.toString(), id);
        }

        /** The creation time of a position in creation order ({@link PageToken#createdAtPositionFor} checked it). */
        public Instant createdAt() {
            return Instant.parse(value);
        }
    }

    /** The token in query parameter {@code param}; the first page when it is absent or empty. */
    public static PageToken read(Context ctx, String param) {
        String token = ctx.queryParam(param);
        if (token == null || token.isEmpty()) {
            return FIRST;
        }
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(token);
            if (bytes.length > 0 && bytes[0] == POSITION) {
                return readPosition(bytes);
            }
            return new PageToken(Paging.offset(ctx, param), null);
        } catch (IllegalArgumentException | IOException e) {
            throw notIssued(param);
        }
    }

    private static PageToken readPosition(byte[] bytes) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 1, bytes.length - 1));
        int offset = in.readInt();
        String sort = in.readUTF();
        boolean descending = in.readBoolean();
        boolean before = in.readBoolean();
        String value = in.readBoolean() ? in.readUTF() : null;
        String id = in.readUTF();
        if (offset < 0 || id.isEmpty() || in.read() != -1) {
            throw new IllegalArgumentException("not a position this server wrote");
        }
        return new PageToken(offset, new Position(sort, descending, before, value, id));
    }

    /** A token for the page at {@code offset} that starts at {@code position}. */
    public static String of(int offset, Position position) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(POSITION);
            out.writeInt(offset);
            out.writeUTF(position.sort());
            out.writeBoolean(position.descending());
            out.writeBoolean(position.before());
            out.writeBoolean(position.value() != null);
            if (position.value() != null) {
                out.writeUTF(position.value());
            }
            out.writeUTF(position.id());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.toByteArray());
    }

    /**
     * This token's position, checked against the listing it is used on: the same sort and order, an id and value
     * of at most {@code maxLength} characters without NUL (which no stored row has and PostgreSQL refuses), a value
     * where {@code valueRequired}, and a value the sort field could have made ({@code canHold}: a time must be an
     * instant). Null for an offset token.
     */
    public Position positionFor(String param, String sort, boolean descending, boolean valueRequired, int maxLength,
                                Predicate<String> canHold) {
        if (position == null) {
            return null;
        }
        if (!position.sort().equals(sort) || position.descending() != descending) {
            throw DomainException.invalid("Parameter '" + param + "' belongs to the same listing in another order; "
                    + "start from the first page when you change 'sort' or 'order'.");
        }
        if (valueRequired && position.value() == null || !plain(position.value(), maxLength)
                || !plain(position.id(), maxLength) || position.value() != null && !canHold.test(position.value())) {
            throw notIssued(param);
        }
        return position;
    }

    /**
     * This token's position on a listing in creation order ({@link Position#createdAt}), checked as
     * {@link #positionFor} checks one. With {@code forwardOnly} (a listing with no previous page, which issues no
     * token pointing backwards) a position before a row is refused too. Null for an offset token.
     */
    public Position createdAtPositionFor(String param, boolean newestFirst, boolean forwardOnly) {
        Position from = positionFor(param, CREATED_AT, newestFirst, true, MAX_CREATED_AT_POSITION, Fields::isInstant);
        if (forwardOnly && from != null && from.before()) {
            throw notIssued(param);
        }
        return from;
    }

    private static boolean plain(String text, int maxLength) {
        return text == null || text.length() <= maxLength && text.indexOf('\0') < 0;
    }

    /** The 400 for a token this server did not issue (or whose contents no longer fit the listing). */
    public static DomainException notIssued(String param) {
        return DomainException.invalid("Parameter '" + param + "' is not a token this server issued; start from the "
                + "first page.");
    }
}
