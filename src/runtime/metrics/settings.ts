/** What a job program that pushes its run's metrics reads, declared apart from the client (./job-run.ts). */
import { url } from '../../contracts/model.js';

/** What a job program that pushes its run's metrics reads. */
export const PUSHGATEWAY_SETTINGS = {
  PROMETHEUS_PUSHGATEWAY_URL: {
    form: url('http', 'https'),
    description: 'where the run pushes its metrics (none when unset)',
    source: 'src/runtime/metrics/settings.ts',
  },
} as const;
