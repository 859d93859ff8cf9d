/**
 * A solver and the environment it resolves packages in, read from its name as thoth-common does
 * (thoth-jobs.md §0.2): `solver-<os>-<os version>-py<major><minor>`, with ubi counted as rhel and
 * rhel known by its major version only, so the environment matches the rows the solver writes.
 */
export interface Solver {
  readonly name: string;
  readonly osName: string;
  readonly osVersion: string;
  /** Such as 3.8 or 3.10. */
  readonly pythonVersion: string;
}

const SOLVER_NAME = /^solver-([a-z]+)-([0-9]+(?:\.[0-9]+)*)-py([0-9])([0-9]+)$/;

/** `solver-rhel-8-py38` → rhel 8, Python 3.8. */
export function parseSolver(name: string): Solver {
  const match = SOLVER_NAME.exec(name.trim());
  if (match === null) throw new Error(`"${name}" is not a solver name such as solver-rhel-8-py38`);
  const [, os, version, major, minor] = match;
  const osName = os === 'ubi' ? 'rhel' : os!;
  const osVersion = osName === 'rhel' ? version!.split('.')[0]! : version!;
  return { name: name.trim(), osName, osVersion, pythonVersion: `${major}.${minor}` };
}

/** The solvers of the `solvers` ConfigMap: one name per line, blank lines ignored (docs/quirks.md Q17). */
export function parseSolvers(text: string): Solver[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .map(parseSolver);
}
