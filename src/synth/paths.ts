/** Where the repository's folders are, relative to its root. */

/** Rendered output. */
export const GENERATED_DIR = 'generated';

/** The environment files, one per environment. */
export const ENVIRONMENTS_DIR = 'environments';
