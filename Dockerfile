# Latchkey container image. Build from the repository root: docker build -t latchkey .
# Checked by app/src/test/java/dev/latchkey/app/ContainerRecipeTest.java; what it relies on is tested on the
# packaged jar by DeployIT. See docs/operations.md, "Deploying".

FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
COPY . .
RUN mvn -B -Dmaven.test.skip=true package -pl app -am

FROM eclipse-temurin:21-jre
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 latchkey \
    && useradd --system --uid 10001 --gid latchkey --home-dir /data --no-create-home latchkey \
    && mkdir -p /app /data /run/latchkey \
    && chown latchkey:latchkey /data /run/latchkey \
    && chmod 0700 /data /run/latchkey
COPY --from=build /src/app/target/latchkey.jar /app/latchkey.jar
USER 10001:10001
VOLUME ["/data"]
EXPOSE 8080
# /metrics and the health routes (--management-port): for Prometheus on a private network, never published publicly
EXPOSE 9000
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8080/health/ready || exit 1
ENTRYPOINT ["java", "-jar", "/app/latchkey.jar", "serve", "--host", "0.0.0.0", "--data-dir", "/data"]
