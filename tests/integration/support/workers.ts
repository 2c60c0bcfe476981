/** Integration test files run two at a time, each on a copy of the test database of its own (global-setup.ts). */
export const INTEGRATION_WORKERS = 2;
