package dev.latchkey.console;

import dev.latchkey.core.access.AccessGroupService;
import dev.latchkey.core.access.CustomRoleService;
import dev.latchkey.core.access.PolicyService;
import dev.latchkey.core.apikey.ApiKeyService;
import dev.latchkey.core.apikey.LongLivedKeys;
import dev.latchkey.core.audit.AuditLog;
import dev.latchkey.core.classic.ClassicKeyService;
import dev.latchkey.core.identity.AccountService;
import dev.latchkey.core.identity.UserService;
import dev.latchkey.core.leak.LeakService;
import dev.latchkey.core.notification.NotificationService;
import dev.latchkey.core.notification.WebhookEndpointService;
import dev.latchkey.core.password.PasswordService;
import dev.latchkey.core.resource.ResourceService;
import dev.latchkey.core.serviceid.ServiceIdGroupService;
import dev.latchkey.core.serviceid.ServiceIdService;
import dev.latchkey.core.session.SessionService;
import dev.latchkey.core.settings.AccountSettingsService;
import dev.latchkey.core.settings.UserSettingsService;
import dev.latchkey.core.token.TokenService;

/**
 * The core services the console's pages call: the same instances the API's routes call. {@code passwords} also
 * knows the server's public URL, which the links it mails (and hands to an inviter without mail) start with.
 * {@code audit} is read as the audit route reads it, and offered only to whom {@link AuditLog#mayRead} allows.
 * {@code accessGroups} serves the access groups pages and the "Access groups" part of an identity's Access;
 * {@code serviceIdGroups} the group a service ID is in, on its page; {@code webhookEndpoints} and
 * {@code notifications} the Notifications page.
 */
public record ConsoleServices(SessionService sessions, TokenService tokens, AccountService accounts,
                              UserService users, ApiKeyService apiKeys, ServiceIdService serviceIds,
                              PolicyService policies, AccountSettingsService settings, LeakService leaks,
                              ClassicKeyService classicKeys, ResourceService resources, PasswordService passwords,
                              LongLivedKeys longLivedKeys, AuditLog audit, AccessGroupService accessGroups,
                              UserSettingsService userSettings, CustomRoleService customRoles,
                              ServiceIdGroupService serviceIdGroups, WebhookEndpointService webhookEndpoints,
                              NotificationService notifications) {
}
