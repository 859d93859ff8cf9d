/** A problem found in a rendered object, with everything needed to find and fix it. */
export interface Finding {
  readonly environment: string;
  readonly application: string;
  /** The object's file, relative to the repository root. */
  readonly file: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
  readonly constructPath: string;
  /** Which check found it: `schema`, `policy/namespace`, `policy/labels`, `policy/secret-data`, `reference`. */
  readonly rule: string;
  readonly message: string;
  /**
   * A warning is reported but passes validate: a change that needs a step by hand (an update the
   * API server refuses, with the procedure), not a defect in the change.
   */
  readonly severity?: 'warning';
}

export const isWarning = (finding: Finding) => finding.severity === 'warning';
