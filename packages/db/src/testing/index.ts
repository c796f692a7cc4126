export { createTestDatabase, testBackends, type TestBackend } from './testDatabase.js';
