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
USER releasetrain
WORKDIR /data
# the delivery store (and the .env the setup flow writes) live on the volume
VOLUME ["/data"]
ENV PORT=3000 \
    DATABASE_URL=jdbc:sqlite:/data/release-train.db \
    ENV_FILE=/data/.env
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s \
  CMD curl -fsS -o /dev/null "http://127.0.0.1:${PORT}/healthz" || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=50", "-jar", "/app/release-train.jar"]
CMD ["serve"]
