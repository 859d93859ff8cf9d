/**
 * A day's tables, as thoth-station/reporter@v0.11.3 builds them (thoth/reporter/processing.py
 * #L37-L373, with thoth-report-processing 0.8.1): what each component was asked and stored, and
 * seven tables of the adviser's runs. Every `date` is the day reported on.
 */
import type { AdviserRun } from './adviser-run.js';
import type { Day } from './days.js';

/** A table's rows, cells in the reference's column order; written without a header. */
export interface Table {
  readonly name: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | number)[])[];
}

/** The components whose documents are counted: their store (area) and the prefix of their document ids. */
export const COMPONENTS = [
  { component: 'adviser', area: 'adviser', idPrefix: 'adviser' },
  { component: 'package-extract', area: 'analysis', idPrefix: 'package-extract' },
  { component: 'provenance-checker', area: 'provenance-checker', idPrefix: 'provenance-checker' },
] as const;

export type ComponentName = (typeof COMPONENTS)[number]['component'];

export interface ComponentCount {
  readonly component: ComponentName;
  /** `<id>.request` documents: what was asked. */
  readonly requests: number;
  /** Every other document: what was stored. */
  readonly documents: number;
}

/** thoth-common's ThothAdviserIntegrationEnum, in its order. */
const INTEGRATIONS = ['CLI', 'KEBECHET', 'S2I', 'JUPYTER_NOTEBOOK'];
/** thoth-storages' RecommendationTypeEnum, in its order. */
const RECOMMENDATION_TYPES = ['STABLE', 'TESTING', 'LATEST', 'PERFORMANCE', 'SECURITY'];

export interface JustificationRow {
  readonly adviserVersion: string;
  readonly message: string;
  readonly type: string;
  /** Times it was given that day, over every run of that version. */
  readonly count: number;
}

export interface VersionOutcome {
  readonly adviserVersion: string;
  readonly success: number;
  readonly failure: number;
}

/** Counts by key, in the order keys first appear. */
function tally<K>(keys: Iterable<K>): Map<K, number> {
  const counts = new Map<K, number>();
  for (const key of keys) counts.set(key, (counts.get(key) ?? 0) + 1);
  return counts;
}

/** Per adviser version, then per message, in the order each first appears; a message's type is the first it was given with. */
export function justificationRows(runs: readonly AdviserRun[]): JustificationRow[] {
  const byVersion = new Map<string, Map<string, { type: string; count: number }>>();
  for (const run of runs) {
    let messages = byVersion.get(run.adviserVersion);
    if (messages === undefined) byVersion.set(run.adviserVersion, (messages = new Map()));
    for (const { message, type } of run.justifications) {
      const row = messages.get(message);
      if (row === undefined) messages.set(message, { type, count: 1 });
      else row.count++;
    }
  }
  return [...byVersion].flatMap(([adviserVersion, messages]) => [...messages].map(([message, { type, count }]) => ({ adviserVersion, message, type, count })));
}

export function versionOutcomes(runs: readonly AdviserRun[]): VersionOutcome[] {
  const outcomes = new Map<string, { success: number; failure: number }>();
  for (const run of runs) {
    const outcome = outcomes.get(run.adviserVersion) ?? { success: 0, failure: 0 };
    outcomes.set(run.adviserVersion, run.succeeded ? { ...outcome, success: outcome.success + 1 } : { ...outcome, failure: outcome.failure + 1 });
  }
  return [...outcomes].map(([adviserVersion, outcome]) => ({ adviserVersion, ...outcome }));
}

/** requests_analysis: three rows a day. */
export function requestsTable(day: Day, counts: readonly ComponentCount[]): Table {
  return {
    name: 'requests_analysis',
    columns: ['date', 'component', 'requests', 'documents'],
    rows: counts.map((count) => [day, count.component, count.requests, count.documents]),
  };
}

/** The seven adviser tables, in the reference's order; those with no row are not written. */
export function adviserTables(day: Day, runs: readonly AdviserRun[]): Table[] {
  const present = <T>(values: readonly (T | undefined)[]): T[] => values.filter((value): value is T => value !== undefined);
  const sourceTypes = tally(present(runs.map((run) => run.sourceType)));
  const recommendations = tally(present(runs.map((run) => run.recommendationType)));
  const hardware = new Map<string, { family: string | undefined; count: number }>();
  for (const run of runs) {
    if (run.cpuModel === undefined) continue;
    const entry = hardware.get(run.cpuModel);
    if (entry === undefined) hardware.set(run.cpuModel, { family: run.cpuFamily, count: 1 });
    else entry.count++;
  }
  const tables: Table[] = [
    {
      name: 'adviser_justifications',
      columns: ['date', 'message', 'count', 'type', 'adviser_version'],
      rows: justificationRows(runs).map((row) => [day, row.message, row.count, row.type, row.adviserVersion]),
    },
    {
      // No date column: the reference's table has none.
      name: 'adviser_statistics',
      columns: ['adviser_version', 'success', 'failure'],
      rows: versionOutcomes(runs).map((outcome) => [outcome.adviserVersion, outcome.success, outcome.failure]),
    },
    {
      name: 'adviser_integration_info',
      columns: ['date', 'integration', 'count'],
      rows: runs.length === 0 ? [] : INTEGRATIONS.map((integration) => [day, integration, sourceTypes.get(integration) ?? 0]),
    },
    {
      name: 'adviser_recommendation_info',
      columns: ['date', 'recommendation_type', 'count'],
      rows: runs.length === 0 ? [] : RECOMMENDATION_TYPES.map((type) => [day, type, recommendations.get(type) ?? 0]),
    },
    {
      name: 'adviser_solver_info',
      columns: ['date', 'solver', 'count'],
      rows: [...tally(present(runs.map((run) => run.solver)))].map(([solver, count]) => [day, solver, count]),
    },
    {
      name: 'adviser_base_image_info',
      columns: ['date', 'base_image', 'count'],
      rows: [...tally(present(runs.map((run) => run.baseImage)))].map(([image, count]) => [day, image, count]),
    },
    {
      // A model without its family is left out, as the reference leaves it.
      name: 'adviser_hardware_info',
      columns: ['date', 'cpu_model', 'cpu_family', 'count'],
      rows: [...hardware].filter(([, entry]) => entry.family !== undefined).map(([model, entry]) => [day, model, entry.family!, entry.count]),
    },
  ];
  return tables.filter((table) => table.rows.length > 0);
}

/**
 * pandas' `to_csv(header=False, sep="`", index=False)`: backtick-separated, a field quoted (its quotes
 * doubled) when it holds a backtick, a quote or a line break, each row ending in "\n". Counts are
 * written as integers (the reference wrote a column with a missing value as floats, `142.0`).
 */
export function tableCsv(table: Table): string {
  const cell = (value: string | number) => {
    const text = String(value);
    return /[`"\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return table.rows.map((row) => `${row.map(cell).join('`')}\n`).join('');
}

/** Where a day's table is kept: `<table>/<table>-<YYYY-MM-DD>.csv` in the deployment's `thoth-sli-metrics-<deployment>` area. */
export function tableId(table: Pick<Table, 'name'>, day: Day): string {
  return `${table.name}/${table.name}-${day}.csv`;
}

export const tablesArea = (deploymentName: string): string => `thoth-sli-metrics-${deploymentName}`;

/** abs(round(part / whole × 100, 3)), the reference's percentages (producer.py#L272-L346). */
export function percentage(part: number, whole: number): number {
  return whole === 0 ? 0 : Math.round((part / whole) * 100_000) / 1000;
}

export interface DayGauges {
  readonly counts: readonly ComponentCount[];
  /** Per adviser version: the share of its runs that succeeded and that failed, in %. */
  readonly outcomes: readonly { readonly adviserVersion: string; readonly successPercent: number; readonly failurePercent: number }[];
  /** Per adviser version and ERROR justification: its share of the version's ERROR justifications, in %. */
  readonly failedJustifications: readonly { readonly adviserVersion: string; readonly justification: string; readonly percent: number }[];
}

/** The gauges of a day (the reference pushes the last day's). */
export function dayGauges(counts: readonly ComponentCount[], runs: readonly AdviserRun[]): DayGauges {
  const errors = justificationRows(runs).filter((row) => row.type === 'ERROR');
  const errorTotals = new Map<string, number>();
  for (const row of errors) errorTotals.set(row.adviserVersion, (errorTotals.get(row.adviserVersion) ?? 0) + row.count);
  return {
    counts,
    outcomes: versionOutcomes(runs).map(({ adviserVersion, success, failure }) => ({
      adviserVersion,
      successPercent: percentage(success, success + failure),
      failurePercent: percentage(failure, success + failure),
    })),
    failedJustifications: errors.map((row) => ({
      adviserVersion: row.adviserVersion,
      justification: row.message,
      percent: percentage(row.count, errorTotals.get(row.adviserVersion)!),
    })),
  };
}
