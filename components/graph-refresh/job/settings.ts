/**
 * graph-refresh's own settings, with the reference's variable names (thoth-jobs.md §1). Fixed
 * faults: a count of 0 crashed the reference (now refused with the allowed range), and a blank line
 * in the solver list made it fail (now ignored).
 */
import { ConfigError, type Environment, flag, optional, positiveInteger } from '../../../src/runtime/environment.js';
import type { RefreshSettings } from './application/refresh-graph.js';
import { parseSolvers, type Solver } from '../../../src/runtime/python/solver.js';

const HOUR_MS = 3_600_000;

export function graphRefreshSettings(env: Environment): RefreshSettings {
  const solver = flag(env, 'THOTH_GRAPH_REFRESH_SOLVER', true);
  const revsolver = flag(env, 'THOTH_GRAPH_REFRESH_REVSOLVER', true);
  const security = flag(env, 'THOTH_GRAPH_REFRESH_SECURITY', true);
  return {
    solver,
    revsolver,
    security,
    solvers: solver || revsolver ? solversOf(env) : [],
    limit: positiveInteger(env, 'THOTH_GRAPH_REFRESH_COUNT', 100),
    windowMs: positiveInteger(env, 'THOTH_GRAPH_REFRESH_WINDOW_HOURS', 6) * HOUR_MS,
  };
}

function solversOf(env: Environment): Solver[] {
  const variable = 'THOTH_GRAPH_REFRESH_SOLVERS';
  const allowed = 'solver names such as solver-rhel-8-py38, one per line';
  const text = optional(env, variable);
  if (text === undefined) throw new ConfigError(variable, env[variable], allowed);
  try {
    return parseSolvers(text);
  } catch {
    throw new ConfigError(variable, text, allowed);
  }
}
