package dev.latchkey.core.leak;

import dev.latchkey.core.common.Secret;

/** One reported token, as GitHub's partner format sends it: the token, its type, where and by what it was seen. */
public record LeakReport(Secret token, String type, String url, String source) {
}
