import { PlatformChart } from '../src/platform/chart.js';
import type { Environment } from '../components/shared/environment.js';

/** A chart of the Thoth platform: one Argo CD Application of a Thoth environment. */
export class ThothChart extends PlatformChart<Environment> {}
