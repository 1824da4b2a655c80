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
# The shipped JVM options, as ./latchkey and the benchmarks read them (app/jvm.options, decision record 0037)
COPY --from=build /src/app/jvm.options /app/jvm.options
# The class data sharing archive, made once here by a server started on a scratch directory and stopped when
# healthy; the image never changes, so it always matches. Without it the server starts all the same, more slowly.
RUN java @/app/jvm.options -XX:ArchiveClassesAtExit=/app/latchkey.jsa -Xlog:cds=off -Xlog:cds+dynamic=off \
        -jar /app/latchkey.jar serve --data-dir /tmp/cds-training --port 8080 --management-port 9000 & pid=$!; \
    for i in $(seq 1 120); do curl -fsS -o /dev/null http://127.0.0.1:8080/health && break; sleep 1; done; \
    kill -TERM "$pid"; wait "$pid"; rm -rf /tmp/cds-training; \
    test -s /app/latchkey.jsa || echo "no class data sharing archive: the server will start without one"
USER 10001:10001
VOLUME ["/data"]
EXPOSE 8080
# /metrics and the health routes (--management-port): for Prometheus on a private network, never published publicly
EXPOSE 9000
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8080/health/ready || exit 1
# As ./latchkey: the shipped options, then LATCHKEY_JAVA_OPTS (later options win), then serve's (docker run's arguments
# are added after these); exec leaves java as process 1, which gets the stop signal.
ENTRYPOINT ["/bin/sh", "-c", "exec java @/app/jvm.options -XX:SharedArchiveFile=/app/latchkey.jsa -Xlog:cds=off -Xlog:cds+dynamic=off $LATCHKEY_JAVA_OPTS -jar /app/latchkey.jar serve --host 0.0.0.0 --data-dir /data \"$@\"", "latchkey"]
