# The nfops cost/CO2 exporter image (`nfops exporter`). Build from the repository root:
#   docker build -t ghcr.io/nfops/nfops-cost-exporter:<package.json version> .
# Runtime facts the Kubernetes manifests rely on (uid, port, entrypoint, mount paths) are the
# constants of src/exporter/container-contract.ts; tests/exporter/bundle.test.ts checks this file
# against them.

# Same Node line as the one the tests run the bundle with; bump both together.
ARG NODE_IMAGE=docker.io/library/node:20.20.2-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
# Install scripts are not needed: esbuild's binary comes from its platform package.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
# One ES module with prom-client, pino, ajv and yaml inside: the runtime stage needs no node_modules.
RUN npm run build:exporter

FROM ${NODE_IMAGE} AS runtime
# Package managers are not needed at run time; removing them shrinks what a scanner has to flag.
RUN rm -rf /usr/local/lib/node_modules /usr/local/bin/npm /usr/local/bin/npx /usr/local/bin/corepack \
           /usr/local/bin/yarn /usr/local/bin/yarnpkg /opt/yarn-*
ENV NODE_ENV=production
WORKDIR /app
# Owned by root and read-only: the process cannot change its own code. It writes nothing to disk,
# so the pod can run with readOnlyRootFilesystem and no writable volume.
COPY --from=build --chown=0:0 --chmod=0444 /src/build/nfops-exporter.mjs /app/nfops-exporter.mjs
# Numeric uid:gid so that Kubernetes can verify runAsNonRoot without a user database.
USER 65532:65532
EXPOSE 9464
# A 1 MB young generation keeps RSS near 70 MB instead of 85 MB (npm run bench); the exposition
# allocates little per scrape, so the extra minor GCs cost nothing measurable.
ENTRYPOINT ["node", "--max-semi-space-size=1", "/app/nfops-exporter.mjs"]
# Manifests pass their own args (exporterArgs(env)); this default serves the embedded environment.
CMD ["exporter", "--pricing-dir", "/etc/nfops/pricing", "--stacks-dir", "/etc/nfops/stacks"]
