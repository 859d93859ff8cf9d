/** What bin/bundle.js bundles as the helper thread of synth, validate and check (src/synth/helper-thread.ts), for every platform. */
import { parentPort, workerData } from 'node:worker_threads';
import { type HelperTask, helpWith } from '../src/synth/helper-thread.js';
import { PLATFORMS } from './index.js';

parentPort?.postMessage(await helpWith(PLATFORMS, workerData as HelperTask));
