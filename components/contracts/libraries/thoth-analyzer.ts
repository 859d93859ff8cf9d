/**
 * What thoth-analyzer reads from the environment, for the analyzer images that report their result
 * with `thoth.analyzer.print_command_result` (solver, package-extract, si-cloc, si-bandit,
 * si-aggregator, buildlog-parser).
 *
 * Read at thoth-station/analyzer@0.1.8 (tag `0.1.8`, without a "v"), the version every one of those
 * images pins. print_command_result wraps the result as {"result": ..., "metadata": {...}} and writes
 * it to the output path (or stdout for "-", or POSTs it to an http(s) URL). The metadata also records
 * every click parameter under the command's name (`metadata.arguments["<info_name>"]`), which is what
 * the graph sync and the security-indicator aggregation read back; so each image must run under its
 * usual program name (app.py, thoth-package-extract, ...).
 *
 * Written by helper h4-solver-si; the lead may fold it in with the other library fragments.
 */
import { text, type Variables } from '../../../src/contracts/model.js';

const ANALYZER = 'thoth-station/analyzer@0.1.8';

/** What `print_command_result` reads when it writes the result document. */
export const THOTH_ANALYZER_RESULT = {
  THOTH_DOCUMENT_ID: {
    form: text(),
    description:
      'Written as metadata.document_id of the result document; unset gives null. Optional for the program, but the graph sync keys results on it (thoth-storages ResultStorageBase.get_document_id raises NoDocumentIdError when it is missing, and the security-indicator sync stores it as the run id): images whose documents are synced declare it required.',
    source: `${ANALYZER}:thoth/analyzer/cli.py#L127`,
  },
  THOTH_DEPLOYMENT_NAME: {
    form: text(),
    description:
      'Written as metadata.thoth_deployment_name of the result document. thoth-common init_logging also uses it as the Sentry environment when SENTRY_ENVIRONMENT is unset.',
    source: `${ANALYZER}:thoth/analyzer/cli.py#L144`,
  },
} as const satisfies Variables;
