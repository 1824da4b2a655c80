/**
 * Client command for IBM's activity reports ({@code /v1/activity/accounts/{account_id}/report}):
 * {@code inactive-report} lists the users, API keys and service IDs that did not authenticate within a duration.
 */
package dev.latchkey.cli.activity;
