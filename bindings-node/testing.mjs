import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
export const { Sandbox, newTestKey } = require('./testing.js');
