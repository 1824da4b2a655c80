package dev.latchkey.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class LatchkeyCliRootTest {
    @TempDir
    Path config;

    @Test
    void allReturnsNewCommandInstancesWithTheDocumentedNames() {
        assertThat(CliCommands.all()).doesNotContainAnyElementsOf(CliCommands.all());
        assertThat(CliCommands.all()).map(command -> command.getClass().getAnnotation(Command.class).name())
                .containsExactly("login", "api-keys", "api-key-create", "api-key", "api-key-update", "api-key-delete",
                        "api-key-lock", "api-key-unlock", "api-key-disable", "api-key-enable", "api-key-rotate",
                        "users", "user-invite",
                        "user-remove", "user-settings", "user-settings-update", "invitation-accept", "accounts",
                        "account-create", "account-settings",
                        "account-settings-update", "external-interactions", "external-interactions-update", "scan",
                        "service-ids",
                        "service-id-create", "service-id", "service-id-update", "service-id-delete", "service-id-lock",
                        "service-id-unlock", "service-api-key-create",
                        "service-id-groups", "service-id-group-create", "service-id-group-delete",
                        "access-groups", "access-group", "access-group-create", "access-group-update",
                        "access-group-delete", "access-group-add", "access-group-remove",
                        "policies",
                        "policy-create", "policy-delete", "roles", "role-create", "role", "role-update", "role-delete",
                        "leaked-keys", "notification-endpoints", "notification-endpoint-create",
                "notification-endpoint-update", "notification-endpoint-delete", "notifications", "classic-keys", "classic-key-create", "classic-key-show", "classic-key-delete",

                        "resource-instances", "resource-instance-create", "resource-instance-delete", "resource-keys",
                        "resource-key-create", "resource-key", "resource-key-delete",
                        "resource-plans", "resource-plan-create", "resource-plan-delete",
                        "signing-keys", "signing-key-rotate", "inactive-report", "audit", "api-key-usage", "long-lived-keys");
    }

    @Test
    void rootRegistersEveryCommandAsASubcommand() {
        CommandLine root = new CommandLine(new LatchkeyCliRoot());

        assertThat(root.getSubcommands()).containsOnlyKeys("login", "api-keys", "api-key-create", "api-key",
                "api-key-update", "api-key-delete", "api-key-lock", "api-key-unlock", "api-key-disable", "api-key-enable",
                "api-key-rotate",
                "users", "user-invite", "user-remove", "user-settings", "user-settings-update", "invitation-accept",
                "accounts", "account-create", "account-settings",
                "account-settings-update", "external-interactions", "external-interactions-update", "scan",
                "service-ids", "service-id-create", "service-id", "service-id-update", "service-id-delete",
                "service-id-lock", "service-id-unlock", "service-api-key-create",
                "service-id-groups", "service-id-group-create", "service-id-group-delete",
                        "access-groups", "access-group", "access-group-create", "access-group-update",
                        "access-group-delete", "access-group-add", "access-group-remove",
                "policies", "policy-create", "policy-delete", "roles", "role-create", "role", "role-update",
                "role-delete", "leaked-keys", "notification-endpoints", "notification-endpoint-create",
                "notification-endpoint-update", "notification-endpoint-delete", "notifications", "classic-keys",
                "classic-key-create", "classic-key-show", "classic-key-delete",

                "resource-instances", "resource-instance-create", "resource-instance-delete", "resource-keys",
                "resource-key-create", "resource-key", "resource-key-delete",
                "resource-plans", "resource-plan-create", "resource-plan-delete",
                "signing-keys", "signing-key-rotate",
                "inactive-report", "audit", "api-key-usage", "long-lived-keys");
    }

    @Test
    void commandWhenNotLoggedInThenTellsHowAndExitsOne() {
        CliRun run = CliRun.run(config.resolve("empty"), "", "api-keys");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("latchkey: not logged in: run 'latchkey login --apikey KEY [--url URL]' first\n");
    }

    @Test
    void unknownOutputFormatIsAUsageError() {
        CliRun run = CliRun.run(config, "", "api-keys", "--output", "yaml");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("expected one of table, json");
    }

    @Test
    void everyCommandHasHelp() {
        for (String name : new CommandLine(new LatchkeyCliRoot()).getSubcommands().keySet()) {
            CliRun run = CliRun.run(config, "", name, "--help");

            assertThat(run.exitCode()).as(name).isZero();
            assertThat(run.out()).as(name).contains("--output");
        }
    }
}
