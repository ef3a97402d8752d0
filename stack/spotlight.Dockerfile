# syntax=docker/dockerfile:1
# Spotlight, the local trace viewer every service sends to (the sidecar of `npm start`, without the
# CLI's own telemetry). Build from the repository root, where the lockfile is:
#   docker build -f stack/spotlight.Dockerfile -t trace-arcade/spotlight .

FROM node:22-bookworm-slim AS build
WORKDIR /repo
# Manifests first: the dependency layer is rebuilt only when they change.
COPY package.json package-lock.json tsconfig.base.json ./
COPY packages/scenarios/package.json packages/scenarios/
COPY packages/service-runtime/package.json packages/service-runtime/
COPY packages/seed-data/package.json packages/seed-data/
COPY stack/package.json stack/
# No optional packages: the embedded PostgreSQL binaries are for `npm start`, not for this image.
RUN --mount=type=cache,target=/root/.npm \
    npm ci --no-audit --no-fund --ignore-scripts --omit=optional --include-workspace-root \
      --workspace @trace-arcade/stack \
      --workspace @trace-arcade/seed-data \
      --workspace @trace-arcade/service-runtime \
      --workspace @trace-arcade/scenarios
COPY packages/scenarios packages/scenarios
COPY packages/service-runtime packages/service-runtime
COPY packages/seed-data packages/seed-data
COPY stack stack
RUN node_modules/.bin/tsc --build stack

FROM node:22-bookworm-slim AS runtime
WORKDIR /app
COPY --from=build /repo/package.json /repo/package-lock.json ./
COPY --from=build /repo/packages/scenarios/package.json packages/scenarios/
COPY --from=build /repo/packages/service-runtime/package.json packages/service-runtime/
COPY --from=build /repo/packages/seed-data/package.json packages/seed-data/
COPY --from=build /repo/stack/package.json stack/
RUN --mount=type=cache,target=/root/.npm \
    npm ci --omit=dev --omit=optional --no-audit --no-fund --ignore-scripts \
      --workspace @trace-arcade/stack \
      --workspace @trace-arcade/seed-data \
      --workspace @trace-arcade/service-runtime \
      --workspace @trace-arcade/scenarios
COPY --from=build /repo/packages/scenarios/dist packages/scenarios/dist
COPY --from=build /repo/packages/service-runtime/dist packages/service-runtime/dist
COPY --from=build /repo/packages/seed-data/dist packages/seed-data/dist
COPY --from=build /repo/stack/dist stack/dist
# Numeric, so that Kubernetes can check runAsNonRoot against it.
USER 1000:1000
WORKDIR /app/stack
EXPOSE 8969
# The argument is the port of the UI and of /stream.
ENTRYPOINT ["node", "dist/spotlight-sidecar.js"]
CMD ["8969"]
