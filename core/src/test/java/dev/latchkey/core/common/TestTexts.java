package dev.latchkey.core.common;

/** Texts that tests need and no fixture holds. */
public final class TestTexts {
    private TestTexts() {
    }

    /**
     * {@code length} CJK ideographs in no repeating pattern (from {@code seed}): three bytes each in UTF-8, and a text
     * PostgreSQL's compression cannot shrink, so 1,024 of them stay over its 2,704-byte limit for an index entry.
     */
    public static String ideographs(int length, long seed) {
        StringBuilder text = new StringBuilder(length);
        long x = seed;
        for (int i = 0; i < length; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            text.append((char) (0x4E00 + (int) ((x >>> 33) % 20_000)));
        }
        return text.toString();
    }
}
