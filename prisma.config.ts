import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { migrationAdapter } from './prisma/migration-adapter';

// The CLI reads the generator through the datasource URL; `prisma generate` needs none, so a
// placeholder keeps it from trying to download a query engine (docs/architecture.md, "Prisma").
process.env.DATABASE_URL ??= 'postgresql://localhost:5432/homefirst';

export default defineConfig({
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  experimental: { adapter: true },
  engine: 'js',
  adapter: async () => migrationAdapter(process.env.DATABASE_URL as string),
});
