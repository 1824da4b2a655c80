/**
 * Commands that show and change the account's IAM Identity settings through
 * {@code /v1/accounts/{account_id}/settings/identity}: {@code account-settings} and
 * {@code account-settings-update}; and {@code long-lived-keys}, the keys that outlive the lifetime setting.
 */
package dev.latchkey.cli.settings;
