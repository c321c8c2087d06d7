# syntax=docker/dockerfile:1
# One image, two roles: ROLE=web serves /wecom/callback, ROLE=worker runs the queues (ROLE=all both).

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# `npm install` honours the lock file's versions; `npm ci` would refuse a lock file written where the
# registry mirror lacks other platforms' optional packages (see scripts/test.sh).
RUN npm install --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY jobs ./jobs
COPY scripts ./scripts
RUN npx tsc -p tsconfig.build.json

FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm install --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
ENV NODE_ENV=production ROLE=all PORT=3000
# Charts are drawn on the server (ECharts → SVG → resvg → PNG) and need Chinese fonts.
RUN apt-get update && apt-get install -y --no-install-recommends fonts-noto-cjk && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
# The trained intent model (npm run nlu:train) is read at start-up from the project folder.
COPY src/nlu/intent-model.json ./src/nlu/intent-model.json
USER node
EXPOSE 3000
# /healthz answers while the process lives; a worker-only container has no HTTP, so it checks the process.
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "if(process.env.ROLE==='worker')process.exit(0);fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/src/main.js"]
