package dev.latchkey.cli.settings;

import dev.latchkey.cli.Choices;

/** picocli converters for the settings' fixed values, so a typo is a usage error before any request. */
public final class SettingChoices {
    private SettingChoices() {
    }

    /** The restrict settings: RESTRICTED, NOT_RESTRICTED or NOT_SET. */
    public static final class Restriction extends Choices.OneOf {
        public Restriction() {
            super("RESTRICTED", "NOT_RESTRICTED", "NOT_SET");
        }
    }

    /** {@code restrict_user_list_visibility}, which IBM gives no NOT_SET. */
    public static final class Visibility extends Choices.OneOf {
        public Visibility() {
            super("RESTRICTED", "NOT_RESTRICTED");
        }
    }

    /** The account's MFA level. */
    public static final class Mfa extends Choices.OneOf {
        public Mfa() {
            super("NONE", "NONE_NO_ROPC", "TOTP", "TOTP4ALL", "LEVEL1", "LEVEL2", "LEVEL3");
        }
    }
}
