/** Validates rendered environments: schemas, policy and references, every finding reported at once. */
import { countObjects, type RenderedEnvironment, type RenderedObject } from '../synth/manifest.js';
import { GENERATED_DIR } from '../synth/paths.js';
import type { Finding } from './findings.js';
import { dashboardProblems } from './dashboards.js';
import { policyProblems } from './policy.js';
import { checkRules } from './promtool.js';
import type { PodSecurityLevel } from './workload-policy.js';
import { referenceProblems } from './references.js';
import { workflowReferenceProblems } from './workflow-references.js';
import { schemaProblems } from './schemas.js';
import { deprecationProblems } from './deprecations.js';
import { environmentPolicyProblems } from './environment-policy.js';
import { applyWaivers } from './waivers.js';
import { programTopicProblems } from './program-topics.js';
import { topologyProblems } from './messaging-topology.js';
import { unknownFieldProblems } from './unknown-fields.js';
import { contractProblems } from './contracts.js';
import { metadataProblems } from './admission/metadata.js';
import { limitRangeProblems } from './admission/limit-range.js';
import { type QuotaUsage, quotaUsage } from './admission/quota.js';
import { crossEnvironmentView, type RuleText } from './cross-environment-view.js';
import { plaintextCredentialProblems } from './credentials.js';
import { collisionProblems } from './collisions.js';

export interface ValidateOptions {
  /** Run `promtool check rules` on every rule group (skipped where promtool is missing). */
  readonly promtool: boolean;
}

/**
 * One environment's share of validate, checked as soon as it is rendered: its own findings (before
 * waivers, which may depend on the other environments' findings), its quota usage, and the view the
 * checks across environments read. Plain data: it crosses from a helper thread.
 */
export interface EnvironmentChecks {
  readonly findings: readonly Finding[];
  readonly objects: number;
  readonly quota: readonly QuotaUsage[];
  readonly view: RenderedEnvironment;
  readonly rules: readonly RuleText[];
}

/** Every finding of the environments, each rendered environment checked, then all of them together. */
export async function validateEnvironments(environments: readonly RenderedEnvironment[], options: ValidateOptions = { promtool: false }): Promise<Finding[]> {
  const checked: EnvironmentChecks[] = [];
  for (const env of environments) checked.push(await checkEnvironment(env));
  return combineChecks(checked, options);
}

/** The checks of one environment alone: everything but collisions, promtool and waivers. */
export async function checkEnvironment(env: RenderedEnvironment): Promise<EnvironmentChecks> {
  const findings: Finding[] = [];
  const levels = podSecurityLevels(env);
  const kubernetesVersion = env.kubernetesVersion;
  for (const application of env.applications) {
    for (const object of application.objects) {
      const at = locate(env, object);
      const level = levels.get(object.manifest.metadata.namespace ?? '') ?? 'restricted';
      for (const message of await schemaProblems(object.manifest)) findings.push({ ...at, rule: 'schema', message });
      for (const message of unknownFieldProblems(object.manifest)) findings.push({ ...at, rule: 'schema/unknown-field', message });
      if (kubernetesVersion !== undefined)
        for (const message of deprecationProblems(object.manifest, kubernetesVersion)) findings.push({ ...at, rule: 'deprecation', message });
      for (const problem of policyProblems(object.manifest, level)) findings.push({ ...at, ...problem });
      for (const problem of metadataProblems(object.manifest)) findings.push({ ...at, ...problem });
      for (const message of plaintextCredentialProblems(object.manifest)) findings.push({ ...at, rule: 'policy/plaintext-credential', message });
    }
  }
  for (const { object, message } of [...referenceProblems(env), ...workflowReferenceProblems(env)]) {
    findings.push({ ...locate(env, object), rule: 'reference', message });
  }
  for (const { object, message } of dashboardProblems(env)) findings.push({ ...locate(env, object), rule: 'dashboard', message });
  for (const { object, rule, message } of environmentPolicyProblems(env)) findings.push({ ...locate(env, object), rule, message });
  for (const { object, message } of programTopicProblems(env)) findings.push({ ...locate(env, object), rule: 'reference/kafka-topic', message });
  for (const { object, rule, message } of contractProblems(env)) findings.push({ ...locate(env, object), rule, message });
  for (const { object, rule, message } of topologyProblems(env)) findings.push({ ...locate(env, object), rule, message });
  const quota = quotaUsage(env);
  for (const { object, rule, message } of [...limitRangeProblems(env), ...quota.problems]) findings.push({ ...locate(env, object), rule, message });
  return { findings, objects: countObjects(env), quota: quota.usage, ...crossEnvironmentView(env) };
}

/**
 * The findings of checked environments, in their order: collisions between them, promtool over every
 * rule group in one process (a process each cost a third of validate's time), then each object's
 * waivers; a waiver unused in every environment is a finding.
 */
export function combineChecks(checked: readonly EnvironmentChecks[], options: ValidateOptions): Finding[] {
  const views = checked.map((each) => each.view);
  const collisions = collisionProblems(views);
  const ruleProblems = options.promtool ? checkRules(checked.flatMap(({ view: env, rules }) => rules.map((rule) => ({ env, ...rule })))) : [];
  const all: Finding[] = [];
  const unusedWaivers: { finding: Finding; key: string }[] = [];
  const usedWaivers = new Set<string>();
  for (const { view: env, findings: own } of checked) {
    const findings: Finding[] = [];
    for (const { object, rule, message } of collisions.filter((collision) => collision.env === env)) findings.push({ ...locate(env, object), rule, message });
    findings.push(...own);
    for (const { object, message } of ruleProblems.filter((problem) => problem.env === env)) {
      findings.push({ ...locate(env, object), rule: 'alert-rules', message });
    }
    const byFile = new Map<string, Omit<Finding, 'rule' | 'message'>>(
      env.applications.flatMap((application) => application.objects.map((object) => [`${GENERATED_DIR}/${env.name}/${object.file}`, locate(env, object)])),
    );
    const ran = (rule: string) => (rule !== 'alert-rules' || options.promtool) && (rule !== 'deprecation' || env.kubernetesVersion !== undefined);
    const waived = applyWaivers(env, findings, (file) => byFile.get(file), ran);
    all.push(...waived.findings);
    unusedWaivers.push(...waived.unused);
    for (const key of waived.used) usedWaivers.add(key);
  }
  // A waiver may be needed in one environment only (a deprecation at prod's version): unused is unused everywhere.
  all.push(...unusedWaivers.filter(({ key }) => !usedWaivers.has(key)).map(({ finding }) => finding));
  return all;
}

/** The Pod Security Standard each rendered namespace enforces (restricted unless it says baseline). */
function podSecurityLevels(env: RenderedEnvironment): Map<string, PodSecurityLevel> {
  const levels = new Map<string, PodSecurityLevel>();
  for (const application of env.applications) {
    for (const { manifest } of application.objects) {
      if (manifest.kind !== 'Namespace') continue;
      const enforced = manifest.metadata.labels?.['pod-security.kubernetes.io/enforce'];
      levels.set(manifest.metadata.name, enforced === 'baseline' ? 'baseline' : 'restricted');
    }
  }
  return levels;
}

function locate(env: RenderedEnvironment, object: RenderedObject): Omit<Finding, 'rule' | 'message'> {
  const { manifest } = object;
  return {
    environment: env.name,
    application: object.application,
    file: `${GENERATED_DIR}/${env.name}/${object.file}`,
    kind: manifest.kind,
    name: manifest.metadata.name,
    constructPath: object.constructPath,
    ...(manifest.metadata.namespace === undefined ? {} : { namespace: manifest.metadata.namespace }),
  };
}
