/**
 * Structured logs for the job programs: one JSON object per line on stdout (pino), or, with
 * THOTH_LOGGING_NO_JSON set as the shared ConfigMap allows, one readable line per entry. The level
 * comes from the program's own variable (THOTH_LOG_GRAPH_REFRESH_JOB, ...) in the reference's
 * Python names (DEBUG, INFO, WARNING, ERROR, CRITICAL) or pino's.
 */
import { Writable } from 'node:stream';
import { levels, pino, stdTimeFunctions, type Logger } from 'pino';
import { readSetting } from '../contracts/settings.js';
import type { Environment } from './environment.js';
import { LOGGING_SETTINGS, logLevelSetting, PINO_LEVEL } from './log-settings.js';

export type { Logger };

export function createLogger(component: string, levelVariable: string, env: Environment, output: NodeJS.WritableStream = process.stdout): Logger {
  const level = PINO_LEVEL[readSetting(env, { [levelVariable]: logLevelSetting() }, levelVariable)];
  const readable = readSetting(env, LOGGING_SETTINGS, 'THOTH_LOGGING_NO_JSON');
  return pino({ level, base: { component }, timestamp: stdTimeFunctions.isoTime }, readable ? readableLines(output) : output);
}

/** `2026-11-24T12:00:00.000Z INFO published requests count=3`: the JSON entry, flattened. */
function readableLines(output: NodeJS.WritableStream): Writable {
  return new Writable({
    write(chunk: Buffer, _encoding, done) {
      const { time, level, msg, component: _component, ...fields } = JSON.parse(chunk.toString()) as Record<string, unknown>;
      const name = levels.labels[Number(level)]?.toUpperCase() ?? String(level);
      const rest = Object.entries(fields).map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
      output.write(`${String(time)} ${name} ${String(msg ?? '')}${rest.length > 0 ? ` ${rest.join(' ')}` : ''}\n`);
      done();
    },
  });
}
