# syntax=docker/dockerfile:1
# One image, two roles: ROLE=web serves /wecom/callback, ROLE=worker runs the queues (ROLE=all both).
# Every role also serves the internal port (INTERNAL_PORT, 9100): /healthz, /readyz, /metrics, /queues.
# Operator commands are compiled in: `docker compose run --rm worker node dist/src/cli.js <command> …`.

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY jobs ./jobs
# tsconfig.build.json compiles src/ and jobs/ without the WeCom stand-in and the /dev simulator.
RUN npx tsc -p tsconfig.build.json

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production ROLE=all PORT=3000 INTERNAL_PORT=9100
# Charts are drawn on the server (ECharts → SVG → resvg → PNG) and need Chinese fonts.
RUN apt-get update && apt-get install -y --no-install-recommends fonts-noto-cjk && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
# The trained intent model (npm run nlu:train) is read at start-up from the project folder.
COPY src/nlu/intent-model.json ./src/nlu/intent-model.json
USER node
EXPOSE 3000 9100
# /healthz on the internal port: web answers while the process lives; a worker while its BullMQ workers run
# and Redis answers. It needs no token.
HEALTHCHECK --interval=30s --timeout=3s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.INTERNAL_PORT||9100)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# SIGTERM: stop taking callbacks, let workers finish their jobs (up to 25 s), close connections.
STOPSIGNAL SIGTERM
# --heap-growing-percent=50 and --max-semi-space-size=4: full GCs before the heap is mostly garbage and a
# smaller young generation (worker peak RSS under 250 MB; see
# bench/servers/node-flags.ts, which the benches run with).
CMD ["node", "--heap-growing-percent=50", "--max-semi-space-size=4", "dist/src/main.js"]
