/// <reference types="vitest/config" />
import { getViteConfig } from 'astro/config';

export default getViteConfig(
  {
    test: {
      include: [
        'src/**/*.test.ts',
        'netlify/**/*.test.ts',
        'scripts/**/*.test.ts',
        'admin/**/*.test.ts',
        'tests/servers/**/*.test.ts',
        'bench/**/*.test.ts',
        'tests/build/**/*.test.ts',
      ],
      // getCollection() reads the content store in .astro/, which `astro sync` fills first.
      globalSetup: ['tests/setup/syncContent.ts'],
      testTimeout: 20_000,
      // Most files wait on stand-in servers and timers, not the CPU: on 2 cores the default
      // (one worker fewer than the cores) ran them one at a time, 4 min instead of 1.5.
      maxWorkers: 4,
    },
  },
  { devToolbar: { enabled: false } },
);
