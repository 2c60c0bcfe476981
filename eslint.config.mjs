import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import boundaries from 'eslint-plugin-boundaries';
import { defineConfig, globalIgnores } from 'eslint/config';

// The layers, as folders (docs/architecture.md). Each file belongs to exactly one element; the
// `boundaries/dependencies` rule below says which element may import which, and denies the rest.
const elements = [
  // Pure rules and London time: importable from anywhere, including client components.
  { type: 'domain', pattern: 'lib/domain' },
  { type: 'time', pattern: 'lib/time' },
  // The placement engine: pure functions over a scenario.
  { type: 'engine', pattern: 'lib/placement' },
  // Server code: operations, read models, auth, jobs, notifications, the database client.
  { type: 'server', pattern: 'lib/*', capture: ['module'] },
  { type: 'server', pattern: 'lib' },
  // Shared UI.
  { type: 'component', pattern: 'components' },
  // Routes: one element per route group or top-level folder, so groups do not import each other.
  { type: 'route', pattern: 'app/*', capture: ['group'] },
  { type: 'route-root', pattern: 'app' },
  { type: 'script', pattern: 'scripts' },
  { type: 'seed', pattern: 'prisma' },
  { type: 'test', pattern: 'tests' },
].map((element) => ({ ...element, partialMatch: false }));

const UI_SAFE = ['domain', 'time', 'component'];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores(['.next/**', '.next-*/**', '.data/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts']),
  {
    plugins: { boundaries },
    settings: {
      'boundaries/elements': elements,
      'boundaries/include': ['app/**/*', 'components/**/*', 'lib/**/*', 'scripts/**/*', 'prisma/**/*', 'tests/**/*'],
      'import/resolver': { typescript: { alwaysTryTypes: true, project: './tsconfig.json' } },
    },
    rules: {
      // A leading underscore marks a value left out on purpose (a rest sibling, an unused argument).
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          message: '{{from.type}} may not import {{to.type}} ({{to.source}}): see docs/architecture.md',
          policies: [
            { from: { element: { type: 'domain' } }, allow: { to: { element: { types: { anyOf: ['domain', 'time'] } } } } },
            { from: { element: { type: 'time' } }, allow: { to: { element: { type: 'time' } } } },
            { from: { element: { type: 'engine' } }, allow: { to: { element: { types: { anyOf: ['engine', 'domain'] } } } } },
            { from: { element: { type: 'server' } }, allow: { to: { element: { types: { anyOf: ['server', 'engine', 'domain', 'time'] } } } } },
            { from: { element: { type: 'component' } }, allow: { to: { element: { types: { anyOf: [...UI_SAFE, 'server'] } } } } },
            {
              from: { element: { type: 'route' } },
              allow: { to: { element: { types: { anyOf: [...UI_SAFE, 'server', 'engine', 'route-root'] } } } },
            },
            // Within a route group, anything; across groups, nothing.
            { from: { element: { type: 'route' } }, allow: { to: { element: { type: 'route', captured: { group: '{{from.captured.group}}' } } } } },
            // The root layout and its header frame every route.
            { from: { element: { type: 'route-root' } }, allow: { to: { element: { types: { anyOf: [...UI_SAFE, 'server', 'route', 'route-root'] } } } } },
            {
              from: { element: { types: { anyOf: ['script', 'seed', 'test'] } } },
              allow: {
                to: { element: { types: { anyOf: ['domain', 'time', 'engine', 'server', 'component', 'route', 'route-root', 'script', 'seed', 'test'] } } },
              },
            },
          ],
        },
      ],
    },
  },
  {
    // Routes and components never reach the database themselves: they get `db` from their context.
    files: ['app/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: '@prisma/client', message: 'Routes and components do not use Prisma: call an operation or read model in lib/.' },
            { name: 'pg', message: 'Routes and components do not use the database.' },
            { name: '@/lib/db', message: 'Routes get `db` from requirePageActor, defineAction or defineRoute.' },
          ],
        },
      ],
    },
  },
  {
    // Tests read untyped JSON bodies and build malformed input on purpose.
    files: ['tests/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // The domain rules and London time run in browsers and tests as they are.
    files: ['lib/domain/**/*.ts', 'lib/time/**/*.ts', 'lib/placement/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'server-only', message: 'Pure modules run anywhere.' },
            { name: '@prisma/client', allowTypeImports: true, message: 'Pure modules take data, not a database client.' },
          ],
        },
      ],
    },
  },
  {
    // The one bridge from the schema's enumerations to pages and components: Prisma's enum objects
    // are plain values (its browser build), not the client.
    files: ['lib/domain/enums.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'server-only', message: 'Pure modules run anywhere.' }] }] },
  },
]);
