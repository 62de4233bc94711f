// Three projects, one per folder of tests/. Only integration and e2e need storage: they share the
// global setup that starts one in-memory Azurite for the run (jest runs a setup module once however
// many projects name it), while unit starts nothing, so `npm run test:unit` (jest --selectProjects
// unit) is quick. Type checking runs once in `npm test` (tsc --noEmit); ts-jest only transpiles,
// which keeps the suite fast on a two-core machine.

/** What every project shares; `folder` is its folder under tests/. */
const project = (folder) => ({
  displayName: folder,
  testEnvironment: 'node',
  roots: [`<rootDir>/tests/${folder}`],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': 'ts-jest' },
});

/** A project whose tests reach the run's Azurite (tests/support/storage.ts). */
const withAzurite = (folder) => ({
  ...project(folder),
  globalSetup: '<rootDir>/tests/support/global-setup.ts',
  globalTeardown: '<rootDir>/tests/support/global-teardown.ts',
});

/** @type {import('jest').Config} */
module.exports = {
  // A run-wide setting: jest reads it here, not from a project.
  testTimeout: 30000,
  projects: [project('unit'), withAzurite('integration'), withAzurite('e2e')],
};
