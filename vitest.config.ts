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
    },
  },
  { devToolbar: { enabled: false } },
);
