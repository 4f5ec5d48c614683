// ts-jest in ESM mode: @actions/core 3 and @actions/github 9 are ESM-only.
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true }] },
  testMatch: ['**/__tests__/**/*.test.ts'],
  // `npm test` is the fast default (unit + in-process flows); `npm run test:e2e` runs the bundle (dist/).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/__tests__/e2e/'],
  // Every core: jest's default leaves one idle, which doubles the suite's time on a 2-core machine (CI's size).
  maxWorkers: '100%',
  testTimeout: 30000,
  verbose: false
}
