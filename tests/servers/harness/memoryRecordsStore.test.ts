import { describeRecordsStoreContract } from '../../support/recordsStoreContract.ts';
import { createMemoryRecordsStore } from './memoryRecordsStore.ts';

// The unit tests trust this fake only because it keeps the same contract as the real stores.
describeRecordsStoreContract('the in-memory records store', async () => {
  const store = createMemoryRecordsStore();
  return { store, commitCount: async () => store.commits.length, close: async () => {} };
});
