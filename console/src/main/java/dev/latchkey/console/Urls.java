package dev.latchkey.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Query-string encoding for the links a page draws. */
public final class Urls {
    private Urls() {
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
