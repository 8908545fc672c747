import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./lib/i18n/request.ts");

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Server-only packages that must not be bundled (native sockets, MQTT, Prisma's pg driver).
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "mqtt", "aedes", "@electric-sql/pglite", "@electric-sql/pglite-socket"],
  poweredByHeader: false,
  // e2e runs build into their own folder so they never disturb a console started with `npm start`.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  // `npm test` typechecks the whole project (tsc --noEmit); repeating it in every build only slows
  // down a newcomer's first `npm start`.
  typescript: { ignoreBuildErrors: true },
  typedRoutes: false,
};

export default withNextIntl(nextConfig);
