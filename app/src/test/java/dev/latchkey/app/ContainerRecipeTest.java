package dev.latchkey.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The Dockerfile and compose.yaml cannot be built here (no registry is reachable), so what they name is checked
 * against the code: the jar the build makes, the flags and variables {@code serve} has, the health path and port.
 * DeployIT runs the packaged jar the way the image does.
 */
class ContainerRecipeTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theDockerfileNamesWhatTheBuildAndTheServerHave() throws Exception {
        String docker = Files.readString(ROOT.resolve("Dockerfile"));
        assertThat(docker).contains("RUN mvn -B -Dmaven.test.skip=true package -pl app -am")
                .contains("COPY --from=build /src/app/target/latchkey.jar /app/latchkey.jar")
                .containsPattern("FROM [^\\n]*temurin-21 AS build").containsPattern("FROM eclipse-temurin:21-jre\\n")
                .contains("USER 10001").contains("VOLUME [\"/data\"]").contains("EXPOSE 8080").contains("EXPOSE 9000")
                .contains("ENTRYPOINT [\"/bin/sh\", \"-c\", \"exec java @/app/jvm.options "
                        + "-XX:SharedArchiveFile=/app/latchkey.jsa -Xlog:cds=off -Xlog:cds+dynamic=off $LATCHKEY_JAVA_OPTS "
                        + "-jar /app/latchkey.jar serve --host 0.0.0.0 --data-dir /data \\\"$@\\\"\", \"latchkey\"]")
                // the shipped JVM options are the launcher's file, and the archive is made with them
                .contains("COPY --from=build /src/app/jvm.options /app/jvm.options")
                .containsPattern("RUN java @/app/jvm.options -XX:ArchiveClassesAtExit=/app/latchkey.jsa [^\\n]*\\\\\\n"
                        + "\\s+-jar /app/latchkey.jar serve ")
                .containsPattern("HEALTHCHECK [^\\n]*\\n\\s+CMD curl -fsS http://127.0.0.1:8080/health/ready")
                .contains("apt-get install -y --no-install-recommends curl");
        // the jar the Dockerfile copies is the one this module's build makes (ServerProcess runs it)
        assertThat(Files.readString(ROOT.resolve("app/pom.xml"))).contains("<finalName>latchkey</finalName>");
        assertThat(Files.readString(ROOT.resolve("http/src/main/java/dev/latchkey/http/HttpServer.java")))
                .contains("\"/health/ready\"");
        CommandLine serve = Main.commandLine().getSubcommands().get("serve");
        assertThat(serve.getCommandSpec().findOption("--host")).isNotNull();
        assertThat(serve.getCommandSpec().findOption("--data-dir")).isNotNull();
        assertThat(serve.getCommandSpec().findOption("--port").defaultValue())
                .isEqualTo(System.getenv().getOrDefault("LATCHKEY_PORT", "8080"));
        // the management port (metrics and health) the image exposes is serve's default
        assertThat(serve.getCommandSpec().findOption("--management-port").defaultValue())
                .isEqualTo(System.getenv().getOrDefault("LATCHKEY_MANAGEMENT_PORT", "9000"));
    }

    @Test
    void composeUsesOnlyVariablesServeReads() throws Exception {
        String compose = Files.readString(ROOT.resolve("compose.yaml"));
        assertThat(compose).contains("image: postgres:16").contains("build: .")
                .contains("LATCHKEY_BOOTSTRAP_ADMIN_APIKEY_FILE: /run/latchkey/admin-apikey.txt")
                .contains("- latchkey-bootstrap:/run/latchkey").contains("- latchkey-data:/data")
                .contains("\"8080:8080\"").contains("LATCHKEY_MASTER_KEY:").contains("LATCHKEY_DB_URL: jdbc:postgresql://");
        assertThat(Files.readString(ROOT.resolve("Dockerfile"))).as("the bootstrap volume's mount point, owned by the user")
                .contains("/run/latchkey");
        String known = Files.readString(ROOT.resolve("app/src/main/java/dev/latchkey/app/ServeCommand.java"))
                + Files.readString(ROOT.resolve("app/src/main/java/dev/latchkey/app/DatabaseOptions.java"))
                + Files.readString(ROOT.resolve("app/src/main/java/dev/latchkey/app/AdminKeyBootstrap.java"));
        Matcher variables = Pattern.compile("^\\s+(LATCHKEY_[A-Z_]+):", Pattern.MULTILINE).matcher(compose);
        int count = 0;
        while (variables.find()) {
            count++;
            assertThat(known).as("serve reads " + variables.group(1)).contains(variables.group(1));
        }
        assertThat(count).isGreaterThanOrEqualTo(6);
    }
}
