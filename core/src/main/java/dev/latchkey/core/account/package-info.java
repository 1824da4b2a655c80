/** Accounts (tenants): who owns them, and the store port that keeps them. */
package dev.latchkey.core.account;
