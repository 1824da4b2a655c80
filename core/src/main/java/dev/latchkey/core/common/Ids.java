package dev.latchkey.core.common;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;

/** Makes identifiers in IBM's shapes from an injected random source. Thread-safe. */
public final class Ids {
    private static final char[] UPPER_ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ".toCharArray();
    private final SecureRandom random;

    public Ids(SecureRandom random) {
        this.random = random;
    }

    public String uuid() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        bytes[6] = (byte) ((bytes[6] & 0x0f) | 0x40);
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (bytes[i] & 0xff);
            lsb = (lsb << 8) | (bytes[i + 8] & 0xff);
        }
        return new UUID(msb, lsb).toString();
    }

    /** 32 lower-case hex characters, the shape of an IBM account id. */
    public String accountId() {
        byte[] bytes = new byte[16];
        random.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public String apiKeyId() {
        return "ApiKey-" + uuid();
    }

    /** A service ID's id, {@code ServiceId-<uuid>}; its IAM id is {@code iam-} plus this. */
    public String serviceId() {
        return "ServiceId-" + uuid();
    }

    /** A user's IAM id: {@code IBMid-} and ten upper-case alphanumerics, as IBM's are shaped. */
    public String userIamId() {
        char[] chars = new char[10];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = UPPER_ALNUM[random.nextInt(UPPER_ALNUM.length)];
        }
        return IamIds.USER_PREFIX + new String(chars);
    }

    public String policyId() {
        return uuid();
    }
}
