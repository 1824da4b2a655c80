package dev.latchkey.console.user;

import dev.latchkey.core.identity.MemberProfile;
import dev.latchkey.core.identity.MemberSettings;
import dev.latchkey.core.identity.UserService;
import dev.latchkey.core.settings.UserSettingsService;

/**
 * User details' "Profile and settings in this account" section (decision 0044): the profile the account keeps and
 * the user's settings, each with an edit dialog for whom the services allow it. Only the fields the signed-in user
 * may change are inputs; forcing another is the service's 403. After a refusal the dialog opens again with what was
 * typed and the service's message.
 *
 * @param profile   the profile's fields as stored
 * @param settings  the settings as stored
 * @param profileForm  what the profile dialog holds: as stored, or as typed after a refusal
 * @param settingsForm what the settings dialog holds: as stored, or as typed after a refusal
 * @param etag      the version the forms were drawn from: a change by someone else meanwhile is refused
 * @param failed    which dialog was refused ({@code profile} or {@code settings}), or null
 * @param saved     what was saved, for the notice, or null
 */
public record ProfileSection(String csrf, String action, Profile profile, Settings settings, Profile profileForm,
                             Settings settingsForm, String ownFirstname,
                             String ownLastname, boolean mayEditProfile, UserSettingsService.Editable editable,
                             String etag, String failed, String error, String saved) {

    /** The profile's fields, "" for none. */
    public record Profile(String firstname, String lastname, String phonenumber, String altphonenumber,
                          String photo) {
        static Profile of(UserService.Member member) {
            MemberProfile p = member.membership().profile();
            return new Profile(member.firstname(), member.lastname(), blank(p.phonenumber()),
                    blank(p.altphonenumber()), blank(p.photo()));
        }
    }

    /** The settings' fields. */
    public record Settings(String language, String notificationLanguage, String allowedIpAddresses,
                           boolean selfManage) {
        static Settings of(MemberSettings s) {
            return new Settings(s.language(), s.notificationLanguage(), s.allowedIpAddresses(), s.selfManage());
        }
    }

    public boolean profileFailed() {
        return "profile".equals(failed);
    }

    public boolean settingsFailed() {
        return "settings".equals(failed);
    }

    private static String blank(String value) {
        return value == null ? "" : value;
    }
}
