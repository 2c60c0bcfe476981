import { defineConfig, devices } from '@playwright/test';

// e2e runs the app as `npm start` does (production build, embedded database seeded on first
// start), with its own data folder and ports so it never touches a developer's data.
const port = Number(process.env.E2E_PORT ?? 3210);
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const E2E_DATA_DIR = `.data/e2e-${port}`;

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: chromium,
      args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
    },
  },
  // Tests that read the seeded market as it was seeded run first; tests that change it (posting,
  // accepting, declaring) run after them, on the same database.
  projects: [
    { name: 'as-seeded', testMatch: /(market-overview|security|sign-in)\.spec\.ts/, use: { ...devices['Desktop Chrome'] } },
    { name: 'changes', testIgnore: /(market-overview|security|sign-in)\.spec\.ts/, dependencies: ['as-seeded'], use: { ...devices['Desktop Chrome'] } },
  ],
  webServer: {
    // A fresh database every run, so the browser sees exactly what the seed makes.
    command: `rm -rf ${E2E_DATA_DIR} && node_modules/.bin/tsx scripts/start.ts`,
    url: `http://127.0.0.1:${port}/`,
    timeout: 400_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    env: {
      PORT: String(port),
      HOMEFIRST_DATA_DIR: E2E_DATA_DIR,
      EMBEDDED_PG_PORT: String(Number(process.env.E2E_PG_PORT ?? 54349)),
    },
  },
});
