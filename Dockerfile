# Build stage: compiles and packages; the tests run in CI (they need ../shared, which is not in the image).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml app-manifest.yml ./
RUN mvn -B -q dependency:go-offline
COPY src ./src
RUN mvn -B -q -DskipTests package

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --home /data releasetrain && mkdir -p /data /app && chown releasetrain /data
COPY --from=build /src/target/release-train.jar /app/release-train.jar
COPY bin/release-train /app/bin/release-train
USER releasetrain
WORKDIR /data
# the delivery store (and the .env the setup flow writes) live on the volume
VOLUME ["/data"]
# no env file is needed to start: without APP_ID the server serves the setup page, and the setup writes /data/.env
ENV PORT=3000 \
    DATABASE_URL=jdbc:sqlite:/data/release-train.db \
    ENV_FILE=/data/.env \
    RELEASE_TRAIN_JAR=/app/release-train.jar
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s \
  CMD curl -fsS -o /dev/null "http://127.0.0.1:${PORT}/healthz" || exit 1
# the launcher's heap cap (160 MB) keeps the process near 256 MB: run the container with --memory 320m or more
ENTRYPOINT ["/app/bin/release-train"]
CMD ["serve"]
