/**
 * The Kafka topics this repository's job programs use must exist as KafkaTopic objects of the
 * environment: the workloads running a job image are found by image name and the tag it was
 * rendered with (the reference's images share the names), the deployment name
 * (the topics' prefix) is read from the ConfigMap key their THOTH_DEPLOYMENT_NAME refers to, and the
 * investigator's topics follow its THOTH_CONSUMER_MODE. A program writing to a topic that does not
 * exist fails at its first message (topics are never created on the fly).
 */
import type { MessageType } from '../messages/catalogue.js';
import { objectsOf, type RenderedEnvironment, type RenderedObject } from '../synth/manifest.js';
import { podsOf } from './workload-policy.js';

export interface TopicProblem {
  readonly object: RenderedObject;
  readonly message: string;
}

type ContainerEnv = readonly { name: string; value?: string; valueFrom?: { configMapKeyRef?: { name: string; key: string } } }[];

export function programTopicProblems(env: RenderedEnvironment): TopicProblem[] {
  // What each program built here reads or writes, from its container's environment: its contract says.
  const programTopics = new Map(
    (env.imageContracts ?? []).flatMap((contract) =>
      contract.tags === 'built-here' && contract.topics !== undefined ? [[contract.repository, contract.topics] as const] : [],
    ),
  );
  const objects = objectsOf(env);
  const topics = new Set(
    objects
      .filter(({ manifest }) => manifest.kind === 'KafkaTopic')
      .flatMap(({ manifest }) => [manifest.metadata.name, (manifest.spec as { topicName?: string } | undefined)?.topicName]),
  );
  const configMaps = new Map(
    objects
      .filter(({ manifest }) => manifest.kind === 'ConfigMap')
      .map(({ manifest }) => [`${manifest.metadata.namespace}/${manifest.metadata.name}`, (manifest.data ?? {}) as Record<string, string>]),
  );
  const problems: TopicProblem[] = [];
  for (const object of objects) {
    for (const { label, pod } of podsOf(object.manifest)) {
      for (const container of (pod.containers ?? []) as { name: string; image?: string; args?: string[]; env?: ContainerEnv }[]) {
        const [, image, tag] = /\/([^/:]+):([^/]+)$/.exec(container.image ?? '') ?? [];
        const program = image === undefined ? undefined : programTopics.get(image);
        // The same image name at another tag is not this repository's program (the reference's investigator).
        if (program === undefined || env.jobImages?.get(image!) !== tag) continue;
        const value = (name: string) => {
          const variable = container.env?.find((candidate) => candidate.name === name);
          const ref = variable?.valueFrom?.configMapKeyRef;
          return ref === undefined ? variable?.value : configMaps.get(`${object.manifest.metadata.namespace}/${ref.name}`)?.[ref.key];
        };
        let used: readonly MessageType[];
        try {
          used = program(value, container.args ?? []);
        } catch (error) {
          problems.push({ object, message: `${label}container ${container.name}: ${(error as Error).message}; the program would refuse to start` });
          continue;
        }
        // A command that sends and reads nothing (a workflow step that writes a file) needs no prefix.
        if (used.length === 0) continue;
        const prefix = value('THOTH_DEPLOYMENT_NAME');
        // From a Secret or envFrom the name cannot be read here: nothing to check against.
        if (prefix === undefined) {
          const declared =
            container.env?.some((candidate) => candidate.name === 'THOTH_DEPLOYMENT_NAME') === true ||
            (container as { envFrom?: unknown[] }).envFrom !== undefined;
          if (!declared)
            problems.push({
              object,
              message: `${label}container ${container.name} runs ${image} without THOTH_DEPLOYMENT_NAME (its topics' prefix); the program refuses to start without it`,
            });
          continue;
        }
        const missing = used.map((type) => `${prefix}.${type.base}`).filter((topic) => !topics.has(topic));
        if (missing.length > 0)
          problems.push({
            object,
            message: `${label}container ${container.name} runs ${image}, which uses topic(s) with no KafkaTopic in this environment: ${missing.join(', ')}; enable kafka-topics or add the type to src/messages/catalogue.ts`,
          });
      }
    }
  }
  return problems;
}
