/**
 * What the environment validator calls at run time besides its own code, compiled or generated
 * ahead of time alike (./environment-validator.ts): the custom formats, and the length of a string
 * as JSON Schema counts it. Light on purpose: a generated validator imports this and nothing of ajv.
 */
import { FORMATS } from './formats.js';

/** Each custom format as ajv takes it (and generated code calls it): a check of strings. */
export const FORMAT_CHECKS: Readonly<Record<string, { readonly type: 'string'; readonly validate: (value: string) => boolean }>> = Object.fromEntries(
  Object.entries(FORMATS).map(([name, format]) => [name, { type: 'string', validate: (value: string) => format.problem(value) === undefined }]),
);

/** Characters (code points), as minLength and maxLength count them: a surrogate pair is one. */
export function codePointLength(text: string): number {
  let length = 0;
  for (const _ of text) length++;
  return length;
}
