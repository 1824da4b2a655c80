package dev.latchkey.core.identity;

/**
 * How one account knows one of its members (IBM User Management's profile fields): a first and last name of the
 * account's own, phone numbers and a link to a photo. Every field is null when the account never set it; a null
 * name means the user's own ({@link User#givenName()}, {@link User#familyName()}). Profiles belong to a membership,
 * so an administrator of one account never changes how another account sees the same user. Immutable.
 */
public record MemberProfile(String firstname, String lastname, String phonenumber, String altphonenumber,
                            String photo) {
    /** Nothing set: names are the user's own, no phone numbers, no photo. */
    public static final MemberProfile NONE = new MemberProfile(null, null, null, null, null);
}
