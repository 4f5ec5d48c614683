// ts-jest in ESM mode: @actions/core 3 and @actions/github 9 are ESM-only.
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] },
  testMatch: ['**/__tests__/**/*.test.ts'],
  // `npm test` is the fast default (unit + in-process flows); `npm run test:e2e` runs the bundle (dist/).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/__tests__/e2e/'],
  testTimeout: 30000,
  verbose: false
}
