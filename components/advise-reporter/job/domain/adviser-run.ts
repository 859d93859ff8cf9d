/**
 * What the reporter reads of one adviser document (thoth-adviser's result, `adviser/<id>`), as
 * thoth-report-processing 0.8.1 reads it (components/adviser.py#L206-L394): its version, whether it
 * succeeded, its justifications, and the inputs it was asked with.
 *
 * Where the reference crashed or mixed documents up, a field it lacks is left out here instead:
 * - a document without `metadata.analyzer_version` is refused (its statistics row made the run fail
 *   with IndexError, producer.py#L183-L189);
 * - a document without parameters, project, runtime environment or recommendation type counts in
 *   the tables it has the fields for (the reference failed the whole run, adviser.py#L335-L379);
 * - a stack-info entry without a link is counted by its message (the reference dropped the rest of
 *   the document's entries);
 * - a report-less document whose `error_msg` is null is "no report provided", not a dropped row.
 */

/** Thoth's justification links: a message that carries one is counted by the link (reporter utils.py#L103-L107). */
const JUSTIFICATION_LINK = 'https://thoth-station.ninja/j/';

export interface Justification {
  readonly message: string;
  /** INFO, WARNING, ERROR, ... as the adviser wrote it. */
  readonly type: string;
}

export interface AdviserRun {
  readonly id: string;
  readonly adviserVersion: string;
  /** A run without a report, or whose stack info has an ERROR, failed (adviser.py#L182-L204). */
  readonly succeeded: boolean;
  /** The stack info's, then the first product's (adviser.py#L409-L529). */
  readonly justifications: readonly Justification[];
  /** CLI, KEBECHET, S2I, JUPYTER_NOTEBOOK, ...: where the advise was asked from, upper-cased. */
  readonly sourceType?: string;
  /** STABLE, TESTING, LATEST, PERFORMANCE, SECURITY, upper-cased. */
  readonly recommendationType?: string;
  /** `<os>-<version>-py<python without dots>`, as the solvers are named (rhel-8-py38). */
  readonly solver?: string;
  readonly baseImage?: string;
  readonly cpuModel?: string;
  readonly cpuFamily?: string;
}

export type ReadRun = { readonly run: AdviserRun } | { readonly skipped: string };

type Json = Readonly<Record<string, unknown>>;

const isObject = (value: unknown): value is Json => value !== null && typeof value === 'object' && !Array.isArray(value);
const objectAt = (value: unknown, key: string): Json | undefined => (isObject(value) && isObject(value[key]) ? value[key] : undefined);
const textAt = (value: unknown, key: string): string | undefined => {
  const found = isObject(value) ? value[key] : undefined;
  return typeof found === 'string' && found !== '' ? found : undefined;
};
/** A hardware figure (6, 142, or their text): truthy, as the reference keeps only those. */
const figureAt = (value: unknown, key: string): string | undefined => {
  const found = isObject(value) ? value[key] : undefined;
  if (typeof found === 'number' && found !== 0 && Number.isFinite(found)) return String(found);
  return typeof found === 'string' && found !== '' ? found : undefined;
};

/** The message a justification is counted by: from Thoth's link on, when it has one. */
export function countedMessage(message: string): string {
  const at = message.indexOf(JUSTIFICATION_LINK);
  return at === -1 ? message : message.slice(at);
}

/** thoth-common's map_os_name and normalize_os_version (helpers.py#L182-L198): UBI is RHEL, and RHEL is its major version. */
export function solverName(os: string, version: string, python: string): string {
  const name = os === 'ubi' ? 'rhel' : os;
  const major = name === 'rhel' ? version.split('.')[0]! : version;
  return `${name}-${major}-py${python.replaceAll('.', '')}`;
}

export function readAdviserRun(id: string, document: unknown): ReadRun {
  const metadata = objectAt(document, 'metadata');
  if (metadata === undefined) return { skipped: 'it has no metadata' };
  const adviserVersion = textAt(metadata, 'analyzer_version');
  if (adviserVersion === undefined) return { skipped: 'metadata.analyzer_version is not a text' };
  const result = objectAt(document, 'result');
  if (result === undefined) return { skipped: 'it has no result' };
  const report = objectAt(result, 'report');
  const parameters = objectAt(result, 'parameters');
  const environment = objectAt(objectAt(parameters, 'project'), 'runtime_environment');
  const os = objectAt(environment, 'operating_system');
  const [osName, osVersion, python] = [textAt(os, 'name'), textAt(os, 'version'), textAt(environment, 'python_version')];
  const hardware = objectAt(environment, 'hardware');
  const outcome =
    report === undefined || Object.keys(report).length === 0
      ? { succeeded: false, justifications: [{ message: countedMessage(textAt(result, 'error_msg') ?? 'no report provided'), type: 'ERROR' }] }
      : reportJustifications(report);
  return {
    run: {
      id,
      adviserVersion,
      ...outcome,
      ...defined({
        sourceType: textAt(objectAt(objectAt(metadata, 'arguments'), 'thoth-adviser')?.metadata, 'source_type')?.toUpperCase(),
        recommendationType: textAt(parameters, 'recommendation_type')?.toUpperCase(),
        solver: osName !== undefined && osVersion !== undefined && python !== undefined ? solverName(osName, osVersion, python) : undefined,
        baseImage: textAt(environment, 'base_image'),
        cpuModel: figureAt(hardware, 'cpu_model'),
        cpuFamily: figureAt(hardware, 'cpu_family'),
      }),
    },
  };
}

function reportJustifications(report: Json): Pick<AdviserRun, 'succeeded' | 'justifications'> {
  const justifications: Justification[] = [];
  let errors = 0;
  for (const info of Array.isArray(report.stack_info) ? report.stack_info : []) {
    const message = textAt(info, 'link') ?? textAt(info, 'message');
    if (message === undefined) continue;
    const type = textAt(info, 'type') ?? 'INFO';
    if (type === 'ERROR') errors++;
    justifications.push({ message: countedMessage(message), type });
  }
  const products = Array.isArray(report.products) ? report.products : [];
  const first = objectAt({ first: products[0] }, 'first');
  for (const entry of Array.isArray(first?.justification) ? first.justification : []) {
    const message = textAt(entry, 'advisory') ?? textAt(entry, 'link') ?? textAt(entry, 'message');
    const type = textAt(entry, 'type');
    if (message !== undefined && type !== undefined) justifications.push({ message: countedMessage(message), type });
  }
  return { succeeded: errors === 0, justifications };
}

function defined<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}
