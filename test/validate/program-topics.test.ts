import type { RenderedEnvironment } from '../../src/synth/manifest.js';
import { programTopicProblems } from '../../src/validate/program-topics.js';
import { ENVIRONMENTS, renderReal } from '../helpers.js';

const withoutTopics = (env: RenderedEnvironment, keep: (name: string) => boolean): RenderedEnvironment => ({
  ...env,
  applications: env.applications.map((application) => ({
    ...application,
    objects: application.objects.filter(({ manifest }) => manifest.kind !== 'KafkaTopic' || keep(manifest.metadata.name)),
  })),
});

test('every topic the job programs use exists in the real environments', async () => {
  for (const name of ENVIRONMENTS) expect(programTopicProblems(await renderReal(name))).toEqual([]);
});

test('a missing topic is found on each program that uses it, following the investigator’s mode', async () => {
  const prod = await renderReal('prod');
  const problems = programTopicProblems(
    withoutTopics(prod, (topic) => !topic.endsWith('.thoth.investigator.unresolved-package') && !topic.endsWith('.thoth.adviser-trigger')),
  );
  expect(problems.map(({ object, message }) => `${object.manifest.metadata.name}: ${message}`).sort()).toEqual(
    [
      'graph-refresh: container graph-refresh runs graph-refresh-job, which uses topic(s) with no KafkaTopic in this environment: smaug-prod.thoth.investigator.unresolved-package; enable kafka-topics or add the type to src/messages/catalogue.ts',
      'investigator-consumer-backend: container investigator-consumer-backend runs investigator, which uses topic(s) with no KafkaTopic in this environment: smaug-prod.thoth.adviser-trigger; enable kafka-topics or add the type to src/messages/catalogue.ts',
      'investigator-consumer-middletier: container investigator-consumer-middletier runs investigator, which uses topic(s) with no KafkaTopic in this environment: smaug-prod.thoth.investigator.unresolved-package; enable kafka-topics or add the type to src/messages/catalogue.ts',
      // The metrics mode reads every topic.
      'investigator-message-metrics: container investigator-message-metrics runs investigator, which uses topic(s) with no KafkaTopic in this environment: smaug-prod.thoth.adviser-trigger, smaug-prod.thoth.investigator.unresolved-package; enable kafka-topics or add the type to src/messages/catalogue.ts',
      // send-messages and send-message send whatever their file or parameter holds: every type's topic, in
      // each namespace that runs workflows; the commands that write messages files send nothing.
      ...['send-message', 'send-messages'].flatMap((template) =>
        ['amun-api', 'amun-inspection', 'backend', 'frontend', 'graph', 'infra', 'middletier'].map(
          () =>
            `${template}: template ${template}: container main runs workflow-tasks, which uses topic(s) with no KafkaTopic in this environment: smaug-prod.thoth.adviser-trigger, smaug-prod.thoth.investigator.unresolved-package; enable kafka-topics or add the type to src/messages/catalogue.ts`,
        ),
      ),
    ].sort(),
  );
});

test('a consumer mode the program would refuse is a finding, not a crash', async () => {
  const prod = await renderReal('prod');
  const broken: RenderedEnvironment = {
    ...prod,
    applications: prod.applications.map((application) => ({
      ...application,
      objects: application.objects.map((object) => {
        if (object.manifest.metadata.name !== 'investigator-consumer-backend' || object.manifest.kind !== 'Deployment') return object;
        const manifest = JSON.parse(JSON.stringify(object.manifest));
        const env = manifest.spec.template.spec.containers[0].env as { name: string; value?: string }[];
        env.find((variable) => variable.name === 'THOTH_CONSUMER_MODE')!.value = '["backend"';
        return { ...object, manifest };
      }),
    })),
  };
  expect(programTopicProblems(broken).map(({ message }) => message)).toEqual([
    'container investigator-consumer-backend: THOTH_CONSUMER_MODE="[\\"backend\\"" is invalid; expected a JSON list of, or one of: middletier, backend; or metrics alone; the program would refuse to start',
  ]);
});
