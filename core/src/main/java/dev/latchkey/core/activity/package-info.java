/**
 * IBM's activity reports: which users, API keys and service IDs of an account have not authenticated within a
 * duration, with their last authentication, computed from the keys' batched activity and kept as of their time.
 */
package dev.latchkey.core.activity;
