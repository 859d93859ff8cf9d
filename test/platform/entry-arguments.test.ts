/**
 * entryArguments: an entry WorkflowTemplate's arguments are held, at compile time, to what its callers
 * pass. The failing cases are `@ts-expect-error`: `tsc --noEmit` (npm test) fails if one compiles.
 */
import { entryArguments, optional, required } from '../../src/platform/argo/steps.js';

const PASSED = ['JOB_ID', 'PACKAGE'] as const;

test('every passed parameter declared, with or without a default, and defaulted extras: accepted as given', () => {
  const args = entryArguments(PASSED, [required('JOB_ID'), optional('PACKAGE', ''), optional('FORCE_SYNC', '0')]);
  expect(args.map((arg) => arg.name)).toEqual(['JOB_ID', 'PACKAGE', 'FORCE_SYNC']);
});

test('a passed parameter left undeclared, or a declared one without a default that nobody passes, does not compile', () => {
  // @ts-expect-error PACKAGE is passed but not declared
  entryArguments(PASSED, [required('JOB_ID')]);
  // @ts-expect-error FORCE_SYNC has no default and no caller passes it
  entryArguments(PASSED, [required('JOB_ID'), required('PACKAGE'), required('FORCE_SYNC')]);
});
