# Sáu Phút: the bot with its bundled course.
#   docker build -t sau-phut .
#   docker run -d -e TELEGRAM_BOT_TOKEN=… -v sauphut-data:/data sau-phut
# No Docker engine runs on the development machines: CI lints this file (tests/ops/dockerfile.test.ts)
# and runs the same install, build and start steps the image runs (scripts/production-check.ts).

FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles its native addon with node-gyp.
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
# Everything the lock file pins, the compiler included: the TypeScript is compiled here, once.
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY adapters ./adapters
COPY scripts/prune-production.mjs ./scripts/
# dist/ for node to run; then production dependencies only, without what the bot never loads.
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund \
 && node scripts/prune-production.mjs
COPY content ./content

FROM node:20-bookworm-slim
# tini as PID 1: it passes SIGTERM on to node and reaps zombie processes, which node as PID 1 would not.
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/*
# SAUPHUT_REQUIRE_PLATFORM: without a token the start is a configuration error, not a console chat on an empty stdin.
ENV NODE_ENV=production DATA_DIR=/data CONTENT_DIR=/app/content METRICS_PORT=9464 SAUPHUT_REQUIRE_PLATFORM=1
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/content ./content
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 9464
HEALTHCHECK --interval=30s --timeout=5s --start-period=90s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + process.env.METRICS_PORT + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
ENTRYPOINT ["/usr/bin/tini", "--"]
# The compiled bot, run by node itself (no npm, no tsx): tini's SIGTERM reaches it, and it stops cleanly.
CMD ["node", "dist/src/main.js"]
