import { defineConfig } from "prisma/config";

// Prisma 7 does not read .env; the URL is only needed by `prisma migrate`/`studio` on a connected machine.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
