/** Where rendered output lives, relative to the repository root. */
export const GENERATED_DIR = 'generated';
