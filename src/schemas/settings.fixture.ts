// Test data that names the kit's first user lives under tests/; re-exported here for the tests
// beside the schemas and components.
export { settingsInput } from '../../tests/fixtures/settingsInput.ts';
