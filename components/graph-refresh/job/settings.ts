/**
 * graph-refresh's own settings, read as its contract (./contract.ts) declares them, with the
 * reference's variable names (thoth-jobs.md §1). A count of 0 is refused with the allowed range
 * (docs/quirks.md Q16); blank lines in the solver list are ignored (docs/quirks.md Q17).
 */
import { readSetting } from '../../../src/contracts/settings.js';
import { ConfigError, type Environment } from '../../../src/runtime/environment.js';
import type { RefreshSettings } from './application/refresh-graph.js';
import { parseSolvers, type Solver } from '../../../src/runtime/python/solver.js';
import { GRAPH_REFRESH_SETTINGS } from './contract.js';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

export function graphRefreshSettings(env: Environment): RefreshSettings {
  const setting = <K extends keyof typeof GRAPH_REFRESH_SETTINGS>(name: K) => readSetting(env, GRAPH_REFRESH_SETTINGS, name);
  const solver = setting('THOTH_GRAPH_REFRESH_SOLVER');
  const revsolver = setting('THOTH_GRAPH_REFRESH_REVSOLVER');
  return {
    solver,
    revsolver,
    security: setting('THOTH_GRAPH_REFRESH_SECURITY'),
    solvers: solver || revsolver ? solversOf(env, setting('THOTH_GRAPH_REFRESH_SOLVERS')) : [],
    limit: setting('THOTH_GRAPH_REFRESH_COUNT'),
    windowMs: setting('THOTH_GRAPH_REFRESH_WINDOW_HOURS') * HOUR_MS,
    leaseMs: setting('THOTH_GRAPH_REFRESH_CLAIM_LEASE_MINUTES') * MINUTE_MS,
  };
}

function solversOf(env: Environment, text: string | undefined): Solver[] {
  const variable = 'THOTH_GRAPH_REFRESH_SOLVERS';
  const allowed = 'solver names such as solver-rhel-8-py38, one per line';
  if (text === undefined) throw new ConfigError(variable, env[variable], allowed);
  try {
    return parseSolvers(text);
  } catch {
    throw new ConfigError(variable, text, allowed);
  }
}
