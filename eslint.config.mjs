import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const workflowBoundary = [
  { group: ['node:*'], message: 'Workflow code may not import Node built-ins.' },
  {
    group: ['fs', 'path', 'os', 'http', 'https', 'net', 'crypto', 'child_process', 'undici', 'worker_threads'],
    message: 'Workflow code may not import Node built-ins or I/O libraries.',
  },
  {
    group: ['**/lumen/*', '**/activities', '**/activities/*'],
    message: 'Workflows import activity types only.',
    allowTypeImports: true,
  },
];

// The published package is client/, codec/ and domain/: not the rest of the repository, nor dev-only libraries.
const outsideThePackage = {
  group: [
    ...[
      'workers',
      'workflows',
      'activities',
      'lumen',
      'sandbox',
      'webhooks',
      'local-stack',
      'local-cluster',
      'temporal-servers',
      'logging',
    ]
      .concat(['scripts', 'test', 'bench'])
      .flatMap((folder) => [`**/${folder}`, `**/${folder}/**`]),
    ...['@temporalio/worker', '@temporalio/workflow', '@temporalio/activity', '@temporalio/testing'],
    ...['pino', 'undici', 'tsx'],
  ],
  message:
    'client/, codec/ and domain/ are the published package: they may not import the worker, its parts or dev-only libraries.',
};

export default tseslint.config(
  {
    ignores: ['node_modules/', 'dist/', '.temporal/', 'coverage/', 'test-results/', '**/*.js', '**/*.mjs', '**/*.cjs'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Workflow code runs in Temporal's deterministic sandbox: no Node built-ins, no I/O libraries.
    files: ['workflows/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: workflowBoundary }] },
  },
  {
    // client/ is published as the package: it imports only domain/, codec/ and the package's own dependencies.
    files: ['client/**/*.ts', 'codec/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [outsideThePackage] }] },
  },
  {
    // The failure converter is bundled into the workflow sandbox too.
    files: ['codec/failure-converter.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...workflowBoundary, outsideThePackage] }] },
  },
  {
    files: ['domain/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [...workflowBoundary, outsideThePackage] }] },
  },
);
