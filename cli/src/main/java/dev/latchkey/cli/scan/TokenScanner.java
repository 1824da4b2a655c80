package dev.latchkey.cli.scan;

import dev.latchkey.core.common.KeyFormat;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Finds well-formed Latchkey tokens in text: candidates are {@code <prefix>_} plus 49 base62 characters on
 * word boundaries, and only those whose checksum verifies ({@link KeyFormat#isWellFormed}) are kept, so typos
 * and random look-alikes are not reported. Immutable and thread-safe.
 */
public final class TokenScanner {
    /** A token in the text: 1-based line and column (in characters), the token itself, and its kind. */
    public record Match(int line, int column, String token, TokenKind kind) {
        @Override
        public String toString() {
            return "Match[line=" + line + ", column=" + column + ", token=<redacted>, kind=" + kind + "]";
        }
    }

    private static final int TOKEN_TAIL = KeyFormat.BODY_LENGTH + KeyFormat.CHECKSUM_LENGTH;

    private final Map<String, KeyFormat> formats = new LinkedHashMap<>();
    private final Map<String, TokenKind> kinds = new LinkedHashMap<>();
    private final Pattern candidates;

    /** Scans for API keys with {@code apiKeys}' prefix and for invitation tokens ({@code lkinv}). */
    public TokenScanner(KeyFormat apiKeys) {
        add(new KeyFormat(TokenKind.INVITATION_PREFIX), TokenKind.INVITATION);
        // Should someone choose lkinv as the API-key prefix, the command line's choice wins.
        add(apiKeys, TokenKind.API_KEY);
        String alternatives = formats.keySet().stream()
                .sorted(Comparator.comparingInt(String::length).reversed())
                .map(Pattern::quote)
                .collect(Collectors.joining("|"));
        candidates = Pattern.compile("\\b(" + alternatives + ")_[0-9A-Za-z]{" + TOKEN_TAIL + "}\\b");
    }

    /** The well-formed tokens in {@code text}, in the order they appear. */
    public List<Match> scan(CharSequence text) {
        List<Match> found = new ArrayList<>();
        Matcher matcher = candidates.matcher(text);
        int line = 1;
        int lineStart = 0;
        int counted = 0;
        while (matcher.find()) {
            String token = matcher.group();
            String prefix = matcher.group(1);
            if (!formats.get(prefix).isWellFormed(token)) {
                continue;
            }
            for (; counted < matcher.start(); counted++) {
                if (text.charAt(counted) == '\n') {
                    line++;
                    lineStart = counted + 1;
                }
            }
            found.add(new Match(line, matcher.start() - lineStart + 1, token, kinds.get(prefix)));
        }
        return found;
    }

    /** The part of {@code token} that may be shown: its prefix and four body characters, then an ellipsis. */
    public String displayPrefix(Match match) {
        String prefix = match.token().substring(0, match.token().indexOf('_'));
        return formats.get(prefix).displayPrefix(match.token()) + "…";
    }

    private void add(KeyFormat format, TokenKind kind) {
        formats.put(format.prefix(), format);
        kinds.put(format.prefix(), kind);
    }
}
