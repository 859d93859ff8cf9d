/**
 * Env.for: a container's environment, made for its image's contract in a mode. The mode sets the
 * selector variable the program reads it from, unless the program classifies values the construct
 * must write itself.
 */
import { MI_SCHEDULER_CONTRACT } from '../../components/contracts/images/mi-scheduler.js';
import { SLO_REPORTER_CONTRACT } from '../../components/contracts/images/slo-reporter.js';
import { WORKFLOW_HELPERS_CONTRACT } from '../../components/contracts/images/workflow-helpers.js';
import type { Env } from '../../src/platform/env.js';
import { INVESTIGATOR_CONTRACT } from '../../components/investigator/job/contract.js';
import { bareEnvironment } from '../helpers.js';
import { thothEnv } from '../../components/shared/env.js';

const env = bareEnvironment();
const selector = (vars: Env, name: string) => vars.vars.find((variable) => variable.name === name)?.value;

test('a mode named by its value sets the selector', () => {
  expect(selector(thothEnv(env, WORKFLOW_HELPERS_CONTRACT, 'graph_schema_update'), 'THOTH_WORKFLOW_TASK')).toBe('graph_schema_update');
});

test('a classified mode whose name is a value the program takes as that mode sets the selector too', () => {
  expect(selector(thothEnv(env, MI_SCHEDULER_CONTRACT, 'on'), 'SCHEDULE_KEBECHET_ANALYSIS')).toBe('on');
});

test('the default mode sets nothing: the program runs it with the variable unset', () => {
  expect(selector(thothEnv(env, SLO_REPORTER_CONTRACT), 'DRY_RUN')).toBeUndefined();
});

test('a classified mode that is no value of its own (a list of consumer modes) is left to the construct to write', () => {
  expect(selector(thothEnv(env, INVESTIGATOR_CONTRACT, 'consume', 'act'), 'THOTH_CONSUMER_MODE')).toBeUndefined();
  expect(selector(thothEnv(env, INVESTIGATOR_CONTRACT, 'consume', 'act').literal('THOTH_CONSUMER_MODE', '["backend"]'), 'THOTH_CONSUMER_MODE')).toBe(
    '["backend"]',
  );
});

test('a name the program does not read is refused by the type, and a mode it does not have by the construct', () => {
  // @ts-expect-error: slo-reporter reads no THOTH_CONSUMER_MODE
  thothEnv(env, SLO_REPORTER_CONTRACT).literal('THOTH_CONSUMER_MODE', 'x');
  expect(() => thothEnv(env, SLO_REPORTER_CONTRACT, 'vacuum')).toThrow(/has no mode vacuum; it has report, dry-run/);
});
