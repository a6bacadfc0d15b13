# Sáu Phút: the bot with its bundled course.
#   docker build -t sau-phut .
#   docker run -e TELEGRAM_BOT_TOKEN=… -v sauphut-data:/data sau-phut
# No Docker engine runs on the development machines: CI lints this file (tests/ops/dockerfile.test.ts)
# and runs the same production install and start steps the image runs (.ci/run).

FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles its native addon with node-gyp.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# Production dependencies only (tsx runs the TypeScript sources; no compiler or test tools).
RUN npm ci --omit=dev --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
COPY adapters ./adapters
COPY content ./content

FROM node:20-bookworm-slim
ENV NODE_ENV=production DATA_DIR=/data CONTENT_DIR=/app/content METRICS_PORT=9464
WORKDIR /app
COPY --from=build /app /app
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 9464
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.METRICS_PORT + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# node itself (not npm) is PID 1's child: SIGTERM reaches the bot, which shuts down cleanly.
CMD ["node", "--import", "tsx", "src/main.ts"]
