/**
 * What every job program's image reads, whatever the program: how it starts, its common variables and
 * its `migrate` command. Declared apart from the program shell (./program.ts) so that the contracts,
 * which the manifests read, load neither commander nor pg.
 */
import { text, type Mode } from '../contracts/model.js';
import { BUNDLE, NODE } from '../images/dockerfile.js';
import { LOGGING_SETTINGS } from './log-settings.js';
import { KNOWLEDGE_GRAPH_SETTINGS } from './postgres/pool.js';

/** How every program's image starts it (src/images/dockerfile.ts). */
export const PROGRAM_ENTRYPOINT = { command: [NODE, BUNDLE], source: 'src/images/dockerfile.ts' } as const;

/** What every program reads, whatever its command. */
export const PROGRAM_SETTINGS = {
  ...LOGGING_SETTINGS,
  THOTH_SERVICE_VERSION: {
    form: text(),
    default: 'development',
    description: 'the version the program reports (set by the image build)',
    source: 'src/images/dockerfile.ts',
  },
} as const;

/** The `migrate` command: it opens the knowledge graph and nothing else. */
export const MIGRATE_MODE = {
  description: "apply this repository's knowledge-graph migrations the database lacks, then exit",
  variables: KNOWLEDGE_GRAPH_SETTINGS,
  source: 'src/runtime/program.ts',
} as const satisfies Mode;

/**
 * The modes of a program that does one thing per run (a job program without commands or migrations):
 * `run`, the default and only one; any other first argument prints the usage.
 */
export function runOnlyModes<const Run extends Mode>(run: Run) {
  return {
    selector: { argument: 0 },
    default: 'run',
    otherwise: 'it prints its usage and exits 1',
    source: 'src/runtime/program.ts',
    variants: { run },
  } as const;
}
