/**
 * Access: roles on the IAM Identity service, the policies that grant them, and {@link
 * dev.latchkey.core.access.AccessDecider}, the single place every authorization decision is made.
 */
package dev.latchkey.core.access;
