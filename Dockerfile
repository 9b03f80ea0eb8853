# One image for the worker, the webhook receiver and the Lumen sandbox; docker-compose.yml picks the
# entry point of each. Debian (glibc), not Alpine: the Temporal SDK's native core has no musl build.
FROM node:20.20.2-bookworm-slim

ENV NODE_ENV=production
WORKDIR /app

# Dependencies first, from the lockfile, so source edits do not reinstall them. No install scripts
# run: none of the dependencies needs one (see "allowScripts" in package.json). The worker, receiver and
# sandbox libraries are devDependencies (the package's own dependencies are the client library's alone),
# so they are included despite NODE_ENV=production.
COPY package.json package-lock.json ./
RUN npm ci --include=dev --ignore-scripts && npm cache clean --force

COPY . .
# The workflow bundles, made once here: the worker starts without running webpack.
RUN npm run build:workflows
USER node

EXPOSE 8088 8089
# TypeScript runs through tsx, as with npm run; called directly so SIGTERM reaches the process.
CMD ["node_modules/.bin/tsx", "webhooks/main.ts"]
