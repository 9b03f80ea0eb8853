# One image for the worker, the webhook receiver, the Lumen sandbox and the codec server, as JavaScript
# on production dependencies; docker-compose.yml picks the entry point of each. Debian (glibc), not
# Alpine: the Temporal SDK's native core has no musl build.

# The build: every dependency (TypeScript, webpack's bundler inputs), then dist/ — the processes compiled
# by `tsc -p tsconfig.app.json`, and the workflow bundles, made once here so the worker runs no webpack.
FROM node:20.20.2-bookworm-slim AS build
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts
COPY . .
RUN npm run build:app && npm run build:workflows && find dist -name '*.d.ts' -delete

# What runs: deploy/image/package.json lists the processes' runtime dependencies alone (the repository's
# own package.json is the client library's). No install scripts run: none of them needs one.
FROM node:20.20.2-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY deploy/image/package.json deploy/image/package-lock.json ./
COPY deploy/image/prune-native.cjs deploy/image/healthcheck.cjs ./deploy/image/
RUN npm ci --omit=dev --ignore-scripts && node deploy/image/prune-native.cjs && npm cache clean --force
COPY deploy/sandbox ./deploy/sandbox
COPY --from=build /src/dist ./dist
USER node

EXPOSE 8088 8089
# What this container serves, per process (docker-compose.yml sets it for each): the receiver by default.
ENV HEALTHCHECK_URL=http://127.0.0.1:8088/healthz
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 CMD ["node", "deploy/image/healthcheck.cjs"]
# node itself as PID 1's child (compose's init: true), so SIGTERM reaches the process and it drains.
CMD ["node", "dist/webhooks/main.js"]
