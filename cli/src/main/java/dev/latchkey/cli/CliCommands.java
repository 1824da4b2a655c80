package dev.latchkey.cli;

import dev.latchkey.cli.access.AccessGroupCommands;
import dev.latchkey.cli.access.CreatePolicyCommand;
import dev.latchkey.cli.access.CustomRoleCommands;
import dev.latchkey.cli.access.DeletePolicyCommand;
import dev.latchkey.cli.access.ListPoliciesCommand;
import dev.latchkey.cli.access.ListRolesCommand;
import dev.latchkey.cli.activity.InactiveReportCommand;
import dev.latchkey.cli.audit.AuditCommand;
import dev.latchkey.cli.apikey.ApiKeyUsageCommand;
import dev.latchkey.cli.apikey.CreateApiKeyCommand;
import dev.latchkey.cli.apikey.DeleteApiKeyCommand;
import dev.latchkey.cli.apikey.KeyStateCommands;
import dev.latchkey.cli.apikey.ListApiKeysCommand;
import dev.latchkey.cli.apikey.RotateApiKeyCommand;
import dev.latchkey.cli.apikey.ShowApiKeyCommand;
import dev.latchkey.cli.apikey.UpdateApiKeyCommand;
import dev.latchkey.cli.classic.ClassicKeyCommands;
import dev.latchkey.cli.identity.AccountCommands;
import dev.latchkey.cli.identity.InvitationAcceptCommand;
import dev.latchkey.cli.identity.UserCommands;
import dev.latchkey.cli.identity.UserSettingsCommands;
import dev.latchkey.cli.leak.LeakedKeysCommand;
import dev.latchkey.cli.notification.NotificationCommands;
import dev.latchkey.cli.resource.CreateResourceInstanceCommand;
import dev.latchkey.cli.resource.CreateResourceKeyCommand;
import dev.latchkey.cli.resource.DeleteResourceInstanceCommand;
import dev.latchkey.cli.resource.DeleteResourceKeyCommand;
import dev.latchkey.cli.resource.ListResourceInstancesCommand;
import dev.latchkey.cli.resource.ListResourceKeysCommand;
import dev.latchkey.cli.resource.ResourcePlanCommands;
import dev.latchkey.cli.resource.ShowResourceKeyCommand;
import dev.latchkey.cli.scan.ScanCommand;
import dev.latchkey.cli.settings.LongLivedKeysCommand;
import dev.latchkey.cli.settings.ShowAccountSettingsCommand;
import dev.latchkey.cli.settings.UpdateAccountSettingsCommand;
import dev.latchkey.cli.serviceid.CreateServiceApiKeyCommand;
import dev.latchkey.cli.serviceid.CreateServiceIdCommand;
import dev.latchkey.cli.serviceid.DeleteServiceIdCommand;
import dev.latchkey.cli.serviceid.ServiceIdGroupCommands;
import dev.latchkey.cli.serviceid.ListServiceIdsCommand;
import dev.latchkey.cli.serviceid.ServiceIdStateCommands;
import dev.latchkey.cli.serviceid.ShowServiceIdCommand;
import dev.latchkey.cli.serviceid.UpdateServiceIdCommand;
import dev.latchkey.cli.token.SigningKeyCommands;
import java.util.ArrayList;
import java.util.List;

/** The CLI's commands, for the app's top-level {@code latchkey} command to register as subcommands. */
public final class CliCommands {
    private CliCommands() {
    }

    /** New instances of every command, in the order help lists them; the list is the caller's to change. */
    public static List<Object> all() {
        return new ArrayList<>(List.of(
                new LoginCommand(),
                new ListApiKeysCommand(),
                new CreateApiKeyCommand(),
                new ShowApiKeyCommand(),
                new UpdateApiKeyCommand(),
                new DeleteApiKeyCommand(),
                new KeyStateCommands.Lock(),
                new KeyStateCommands.Unlock(),
                new KeyStateCommands.Disable(),
                new KeyStateCommands.Enable(),
                new RotateApiKeyCommand(),
                new UserCommands.List(),
                new UserCommands.Invite(),
                new UserCommands.Remove(),
                new UserSettingsCommands.Show(),
                new UserSettingsCommands.Update(),
                new InvitationAcceptCommand(),
                new AccountCommands.List(),
                new AccountCommands.Create(),
                new ShowAccountSettingsCommand(),
                new UpdateAccountSettingsCommand(),
                new dev.latchkey.cli.settings.ShowExternalInteractionsCommand(),
                new dev.latchkey.cli.settings.UpdateExternalInteractionsCommand(),
                new ScanCommand(),
                new ListServiceIdsCommand(),
                new CreateServiceIdCommand(),
                new ShowServiceIdCommand(),
                new UpdateServiceIdCommand(),
                new DeleteServiceIdCommand(),
                new ServiceIdStateCommands.Lock(),
                new ServiceIdStateCommands.Unlock(),
                new CreateServiceApiKeyCommand(),
                new ServiceIdGroupCommands.List(),
                new ServiceIdGroupCommands.Create(),
                new ServiceIdGroupCommands.Delete(),
                new AccessGroupCommands.List(),
                new AccessGroupCommands.Show(),
                new AccessGroupCommands.Create(),
                new AccessGroupCommands.Update(),
                new AccessGroupCommands.Delete(),
                new AccessGroupCommands.Add(),
                new AccessGroupCommands.Remove(),
                new ListPoliciesCommand(),
                new CreatePolicyCommand(),
                new DeletePolicyCommand(),
                new ListRolesCommand(),
                new CustomRoleCommands.Create(),
                new CustomRoleCommands.Show(),
                new CustomRoleCommands.Update(),
                new CustomRoleCommands.Delete(),
                new LeakedKeysCommand(),
                new NotificationCommands.List(),
                new NotificationCommands.Create(),
                new NotificationCommands.Update(),
                new NotificationCommands.Delete(),
                new NotificationCommands.Outbox(),
                new ClassicKeyCommands.List(),
                new ClassicKeyCommands.Create(),
                new ClassicKeyCommands.Show(),
                new ClassicKeyCommands.Delete(),
                new ListResourceInstancesCommand(),
                new CreateResourceInstanceCommand(),
                new DeleteResourceInstanceCommand(),
                new ListResourceKeysCommand(),
                new CreateResourceKeyCommand(),
                new ShowResourceKeyCommand(),
                new DeleteResourceKeyCommand(),
                new ResourcePlanCommands.List(),
                new ResourcePlanCommands.Create(),
                new ResourcePlanCommands.Delete(),
                new SigningKeyCommands.List(),
                new SigningKeyCommands.Rotate(),
                new InactiveReportCommand(),
                new AuditCommand(),
                new ApiKeyUsageCommand(),

                new LongLivedKeysCommand()));
    }
}
