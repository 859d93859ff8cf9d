/** Every catalogue line of kind `workflows` has its test file here, read from the catalogue: a new one fails until it has. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { WORKFLOW_COMPONENTS } from './render.js';

test.each(WORKFLOW_COMPONENTS)('%s has test/components/workflows/%s.test.ts', (name) => {
  expect(existsSync(path.join(import.meta.dirname, `${name}.test.ts`))).toBe(true);
});
