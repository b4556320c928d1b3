import { defineConfig } from 'vitest/config';

// Tests in tiers: pure units, the client against the simulator on a real port,
// fixture replays, end-to-end runs of the built CLI, and the chaos campaign. CI runs them all;
// `npm run test:chaos` runs the campaign alone at full size.
export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/unit/**/*.test.ts'] },
      },
      {
        extends: true,
        test: { name: 'integration', include: ['test/integration/**/*.test.ts', 'test/fixtures/**/*.test.ts'] },
      },
      {
        extends: true,
        test: { name: 'e2e', include: ['test/e2e/**/*.test.ts'], fileParallelism: false },
      },
      {
        extends: true,
        test: { name: 'chaos', include: ['test/chaos/**/*.test.ts'], fileParallelism: false },
      },
    ],
  },
});
