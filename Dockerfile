# One image for web, worker and the migrate/seed jobs (the monorepo ships TypeScript sources run by tsx/Next).
FROM node:20-bookworm-slim AS base
ENV PNPM_VERSION=12.21.0 NEXT_TELEMETRY_DISABLED=1 TURBO_TELEMETRY_DISABLED=1
RUN npm install --global "pnpm@${PNPM_VERSION}"
WORKDIR /app

FROM base AS build
COPY . .
RUN pnpm install --frozen-lockfile
RUN pnpm -F @tenantry/db generate && pnpm exec turbo run build --filter=@tenantry/web

FROM base AS app
ENV NODE_ENV=production PORT=3000
COPY --from=build /app /app
RUN mkdir -p /data/attachments && chown -R node:node /app /data/attachments
USER node
EXPOSE 3000
# apps/web/server.ts: Next.js behind the server that resolves client IPs per TRUST_PROXY (never plain `next start`).
CMD ["pnpm", "-F", "@tenantry/web", "start"]
