/**
 * Every container of every object against the contract of the image it runs (src/contracts/): what
 * the program reads, in which form, the commands and flags it takes, the API groups it calls and the
 * paths it writes. A manifest is right only if the program would work with it; YAML the API server
 * accepts can still start a program that does nothing (a task name it does not dispatch on) or
 * crashes at import (a variable it requires).
 */
import { closest, distance } from 'fastest-levenshtein';
import { formProblem } from '../contracts/forms.js';
import {
  everyMode,
  type ApiAccess,
  type Form,
  type ImageContract,
  type Mode,
  type Modes,
  type Variable,
  type VariablePattern,
  type WrittenPath,
} from '../contracts/model.js';
import { contractFor, parseImage, type ContractMatch } from '../contracts/registry.js';
import { apiGroupOf, objectsOf, type Manifest, type RenderedEnvironment, type RenderedObject } from '../synth/manifest.js';
import { podsOf, type ObjectPod, type WorkflowParameter } from './workload-policy.js';

export type ContractRule =
  | 'contract/unknown-image'
  | 'contract/image'
  | 'contract/variable'
  | 'contract/form'
  | 'contract/argument'
  | 'contract/api-group'
  | 'contract/rbac'
  | 'contract/path';

export interface ContractProblem {
  readonly object: RenderedObject;
  readonly rule: ContractRule;
  readonly message: string;
}

interface EnvVar {
  readonly name: string;
  readonly value?: string;
  readonly valueFrom?: {
    readonly configMapKeyRef?: { readonly name: string; readonly key: string };
    readonly secretKeyRef?: unknown;
    readonly fieldRef?: unknown;
  };
}

interface Container {
  readonly name: string;
  readonly image?: string;
  readonly command?: readonly string[];
  readonly args?: readonly string[];
  readonly env?: readonly EnvVar[];
  readonly envFrom?: readonly unknown[];
  readonly volumeMounts?: readonly { readonly mountPath: string; readonly readOnly?: boolean }[];
  readonly securityContext?: { readonly readOnlyRootFilesystem?: boolean };
  readonly workingDir?: string;
}

/** API groups every cluster of a supported Kubernetes version serves. */
const BUILT_IN_GROUPS = [
  '',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'apiregistration.k8s.io',
  'apps',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'autoscaling',
  'batch',
  'certificates.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
  'events.k8s.io',
  'flowcontrol.apiserver.k8s.io',
  'networking.k8s.io',
  'node.k8s.io',
  'policy',
  'rbac.authorization.k8s.io',
  'scheduling.k8s.io',
  'storage.k8s.io',
];

/**
 * What a variable may hold: the texts it can take when they can be known from the rendered objects
 * (a literal, a ConfigMap key, a parameter's enum or default), or undefined (a Secret, a field, a value
 * passed per run).
 */
type Values = readonly string[] | undefined;

/**
 * What every authenticated account may do without a binding of the environment's (the cluster's
 * default ClusterRoles system:basic-user and system:discovery): ask what it may do.
 */
const DEFAULT_GRANTS: readonly PolicyRule[] = [
  { apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'], verbs: ['create'] },
  { apiGroups: ['authentication.k8s.io'], resources: ['selfsubjectreviews'], verbs: ['create'] },
];

interface PolicyRule {
  readonly apiGroups?: readonly string[];
  readonly resources?: readonly string[];
  readonly verbs: readonly string[];
}

class Context {
  private readonly configMaps = new Map<string, Readonly<Record<string, string>>>();
  private readonly matches = new Map<string, ContractMatch>();
  /** `namespace/account` → the rules its bindings grant it, in any namespace. */
  private readonly grants = new Map<string, PolicyRule[]>();
  readonly servedGroups: ReadonlySet<string>;

  constructor(
    readonly env: RenderedEnvironment,
    private readonly contracts: readonly ImageContract[],
  ) {
    // Served too: the API groups the charts the environment installs bring (their CRDs).
    const groups = new Set([...BUILT_IN_GROUPS, ...(env.chartApplications ?? []).flatMap((chart) => chart.installsApiGroups ?? [])]);
    const roles = new Map<string, PolicyRule[]>();
    const bindings: Manifest[] = [];
    for (const { manifest } of objectsOf(env)) {
      // The operators an environment renders objects for are the ones its cluster must run.
      groups.add(apiGroupOf(manifest.apiVersion));
      if (manifest.kind === 'ConfigMap')
        this.configMaps.set(`${manifest.metadata.namespace}/${manifest.metadata.name}`, (manifest.data ?? {}) as Record<string, string>);
      if (manifest.kind === 'Role' || manifest.kind === 'ClusterRole')
        roles.set(`${manifest.kind}/${manifest.metadata.namespace ?? ''}/${manifest.metadata.name}`, (manifest.rules ?? []) as PolicyRule[]);
      if (manifest.kind === 'RoleBinding' || manifest.kind === 'ClusterRoleBinding') bindings.push(manifest);
    }
    for (const binding of bindings) {
      const { roleRef, subjects } = binding as Manifest & {
        roleRef: { kind: string; name: string };
        subjects?: { kind: string; name: string; namespace?: string }[];
      };
      const rules = roles.get(`${roleRef.kind}/${roleRef.kind === 'Role' ? (binding.metadata.namespace ?? '') : ''}/${roleRef.name}`) ?? [];
      for (const subject of subjects ?? []) {
        if (subject.kind !== 'ServiceAccount') continue;
        const account = `${subject.namespace ?? binding.metadata.namespace}/${subject.name}`;
        this.grants.set(account, [...(this.grants.get(account) ?? []), ...rules]);
      }
    }
    this.servedGroups = groups;
  }

  configMapValue(namespace: string | undefined, name: string, key: string): string | undefined {
    return this.configMaps.get(`${namespace}/${name}`)?.[key];
  }

  /**
   * The verbs of `access` no binding of the account grants on some resource, in any namespace (where
   * the program acts is often a setting, so only that some grant exists is checked).
   */
  missingVerbs(account: string, access: ApiAccess): string[] {
    const rules = [...DEFAULT_GRANTS, ...(this.grants.get(account) ?? [])];
    const allows = (rule: PolicyRule, resource: string, verb: string) =>
      (rule.apiGroups ?? []).some((group) => group === '*' || group === access.group) &&
      (rule.resources ?? []).some((each) => each === '*' || each === resource) &&
      rule.verbs.some((each) => each === '*' || each === verb);
    return access.resources.flatMap((resource) =>
      access.verbs.filter((verb) => !rules.some((rule) => allows(rule, resource, verb))).map((verb) => `${verb} ${resource}`),
    );
  }

  /** The contract of an image reference, looked up once per reference. */
  contractOf(image: string): ContractMatch {
    let match = this.matches.get(image);
    if (match === undefined) this.matches.set(image, (match = contractFor(parseImage(image), this.contracts)));
    return match;
  }
}

export function contractProblems(env: RenderedEnvironment, contracts: readonly ImageContract[] = env.imageContracts ?? []): ContractProblem[] {
  const context = new Context(env, contracts);
  const problems: ContractProblem[] = [];
  for (const object of objectsOf(env)) {
    for (const pod of podsOf(object.manifest)) {
      const containers = [...((pod.pod.initContainers ?? []) as Container[]), ...((pod.pod.containers ?? []) as Container[])];
      for (const container of containers) {
        for (const { rule, message } of containerProblems(context, object, pod, container)) {
          problems.push({ object, rule, message: `${pod.label}container ${container.name}: ${message}` });
        }
      }
    }
  }
  return problems;
}

interface Problem {
  readonly rule: ContractRule;
  readonly message: string;
}

function containerProblems(context: Context, object: RenderedObject, pod: ObjectPod, container: Container): Problem[] {
  const values = (text: string | undefined): Values => (text === undefined ? undefined : valuesOf(text, pod));
  const images = [...new Set(values(container.image) ?? [container.image ?? ''])];
  const problems: Problem[] = [];
  const checked = new Set<ImageContract>();
  for (const image of images) {
    const match = context.contractOf(image);
    if ('problem' in match) {
      problems.push({ rule: 'contract/unknown-image', message: match.problem });
      continue;
    }
    if (checked.has(match.contract)) continue;
    checked.add(match.contract);
    problems.push(...checkContainer(context, object, pod, container, match.contract));
  }
  return problems;
}

function checkContainer(context: Context, object: RenderedObject, pod: ObjectPod, container: Container, contract: ImageContract): Problem[] {
  const problems: Problem[] = [];
  const add = (rule: ContractRule, message: string, source?: string) =>
    problems.push({ rule, message: source === undefined ? message : `${message} [${source}]` });
  const image = contract.repository;
  const namespace = object.manifest.metadata.namespace;

  const variables = new Map<string, Values>();
  for (const variable of container.env ?? []) {
    const ref = variable.valueFrom?.configMapKeyRef;
    const known =
      ref !== undefined ? context.configMapValue(namespace, ref.name, ref.key) : variable.valueFrom === undefined ? (variable.value ?? '') : undefined;
    // What the kubelet expands from other variables is known only in the pod.
    const values = known === undefined || known.includes('$(') ? undefined : valuesOf(known, pod);
    // This repository's programs trim a value and take an empty one for unset, as readSetting does.
    variables.set(variable.name, contract.tags === 'built-here' ? values?.map((value) => value.trim()) : values);
  }
  const fromEnvFrom = (container.envFrom ?? []).length > 0;

  const { chosen, open, selectors, modeProblems } = selectModes(contract, container, pod, variables, fromEnvFrom);
  problems.push(...modeProblems);
  const { declared, known, patterns, required } = readingOf(contract, chosen, open);

  // Required: unknowable when the variables may come from envFrom, or when the mode is not known.
  for (const [name, variable] of required) {
    if (!variables.has(name)) {
      if (!fromEnvFrom) add('contract/variable', `${image} requires ${name} (${variable.description}), which is not set`, variable.source);
    } else if (variables.get(name)?.every((value) => value === '') === true) {
      add('contract/variable', `${image} requires ${name} (${variable.description}), which is set to an empty value`, variable.source);
    }
  }

  const writable = writablePaths(container);
  // Relative paths are the program's working directory's: the image's, or the container's when it runs its own command.
  const directory = (container.command !== undefined ? container.workingDir : undefined) ?? contract.entrypoint.workingDir ?? '/';
  const resolve = (path: string) => (path.startsWith('/') ? path : `${directory.replace(/\/+$/, '')}/${path.replace(/^\.\//, '')}`);
  // A variable other values refer to as $(NAME) is read by the kubelet, which expands it.
  const expanded = new Set(
    [...(container.env ?? []).map((each) => each.value ?? ''), ...(container.command ?? []), ...(container.args ?? [])].flatMap((text) =>
      [...text.matchAll(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g)].map((match) => match[1]!),
    ),
  );
  for (const [name, candidates] of variables) {
    const variable = declared.get(name) ?? patterns.find((each) => name.startsWith(each.prefix));
    if (variable === undefined) {
      if (selectors.has(name) || expanded.has(name)) continue;
      const hint = didYouMean(name, known);
      add('contract/variable', `${image} does not read ${name}${hint}`, contract.source);
      continue;
    }
    for (const value of candidates ?? []) {
      if (value === '' && (variable.form.type !== 'flag' || contract.tags === 'built-here')) continue;
      const problem = formProblem(variable.form, value);
      if (problem !== undefined) add('contract/form', `${name}=${JSON.stringify(value)}: ${problem}`, variable.source);
      else if (isWrittenPath(variable.form) && value !== '-' && !writable(resolve(value))) {
        add('contract/path', `${image} writes ${name}=${value}, which is on the read-only root file system; mount a writable volume there`, variable.source);
      }
    }
  }

  const writes: WrittenPath[] = [...(contract.writes ?? []), ...chosen.flatMap((mode) => mode.writes ?? [])];
  for (const written of writes) {
    const path = resolve(written.path);
    if (!writable(path))
      add('contract/path', `${image} writes ${path}, which is on the read-only root file system; mount a writable volume there`, written.source);
  }

  problems.push(...argumentProblems(contract, container, pod));
  // A volume mounted over the image's own program hides it: the container cannot start.
  const program = container.command === undefined ? contract.entrypoint.command[0] : undefined;
  const hiding =
    program === undefined ? undefined : (container.volumeMounts ?? []).find((mount) => program.startsWith(`${mount.mountPath.replace(/\/+$/, '')}/`));
  if (hiding !== undefined)
    add('contract/path', `the volume mounted at ${hiding.mountPath} hides the image's entry point ${program}`, contract.entrypoint.source);

  const api: ApiAccess[] = [...(contract.api ?? []), ...chosen.flatMap((mode) => mode.api ?? [])];
  for (const access of api) {
    if (!context.servedGroups.has(access.group)) {
      add(
        'contract/api-group',
        `${image} calls ${access.resources.join(', ')} in API group ${access.group}, which this environment's cluster does not serve`,
        access.source,
      );
    }
  }
  if (api.length > 0 && !mountsToken(pod))
    add('contract/api-group', `${image} calls the Kubernetes API, but its pod has no ServiceAccount token`, api[0]!.source);
  // A pod without an account of its own runs as the namespace's `default`, which the environment grants nothing.
  const account = (pod.pod as { serviceAccountName?: string }).serviceAccountName ?? 'default';
  if (mountsToken(pod)) {
    for (const access of api.filter((each) => context.servedGroups.has(each.group))) {
      const missing = context.missingVerbs(`${namespace}/${account}`, access);
      if (missing.length > 0) {
        add(
          'contract/rbac',
          `${image} calls ${missing.join(', ')}${access.group === '' ? '' : ` (${access.group})`}, which no Role or ClusterRole bound to ServiceAccount ${namespace}/${account} grants`,
          access.source,
        );
      }
    }
  }
  for (const limitation of [...(contract.limitations ?? []), ...chosen.flatMap((mode) => mode.limitations ?? [])]) {
    if (limitation.avoidedBy !== undefined && container.command !== undefined && sameList(limitation.avoidedBy, container.command)) continue;
    add(limitation.rule, `${image}: ${limitation.message}`, limitation.source);
  }
  return problems;
}

/** What a program reads in the modes a container selects: worked out once per contract and selection. */
interface Reading {
  readonly declared: ReadonlyMap<string, Variable>;
  readonly known: readonly string[];
  readonly patterns: readonly VariablePattern[];
  /** Required in every selected mode; none of the open modes' counts. */
  readonly required: readonly (readonly [string, Variable])[];
}

const readings = new WeakMap<ImageContract, Map<string, Reading>>();

function readingOf(contract: ImageContract, chosen: readonly Mode[], open: readonly Mode[]): Reading {
  let cache = readings.get(contract);
  if (cache === undefined) readings.set(contract, (cache = new Map()));
  const key = `${chosen.map((mode) => `${mode.source} ${mode.description}`).join('|')}${open.length > 0 ? '|*' : ''}`;
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const declared = new Map<string, Variable>(Object.entries(contract.variables));
  for (const each of [...chosen, ...open])
    for (const [name, variable] of Object.entries(each.variables ?? {})) if (!declared.has(name)) declared.set(name, variable);
  const reading: Reading = {
    declared,
    known: [...declared.keys()],
    patterns: [...(contract.patterns ?? []), ...[...chosen, ...open].flatMap((each) => each.patterns ?? [])],
    required: [...Object.entries(contract.variables), ...chosen.flatMap((mode) => Object.entries(mode.variables ?? {}))].filter(
      ([, variable]) => variable.required === true,
    ),
  };
  cache.set(key, reading);
  return reading;
}

interface Selection {
  /** The modes the container selects, outermost first. */
  readonly chosen: readonly Mode[];
  /** Where the selection could not be known (a value set per run): every mode below that point. */
  readonly open: readonly Mode[];
  /** The variables that select modes. */
  readonly selectors: ReadonlySet<string>;
  readonly modeProblems: readonly Problem[];
}

function selectModes(contract: ImageContract, container: Container, pod: ObjectPod, variables: ReadonlyMap<string, Values>, fromEnvFrom: boolean): Selection {
  const chosen: Mode[] = [];
  const selectors = new Set<string>();
  const modeProblems: Problem[] = [];
  for (let modes = contract.modes; modes !== undefined; ) {
    if ('variable' in modes.selector) selectors.add(modes.selector.variable);
    const { mode, problems } = selectMode(contract.repository, modes, container, pod, variables, fromEnvFrom);
    modeProblems.push(...problems);
    if (mode === undefined) return { chosen, open: everyMode(modes), selectors, modeProblems };
    chosen.push(mode);
    modes = mode.modes;
  }
  return { chosen, open: [], selectors, modeProblems };
}

/** The mode the container selects at one level, or undefined when the value is unknown or wrong. */
function selectMode(
  image: string,
  modes: Modes,
  container: Container,
  pod: ObjectPod,
  variables: ReadonlyMap<string, Values>,
  fromEnvFrom: boolean,
): { mode?: Mode; problems: Problem[] } {
  const names = Object.keys(modes.variants);
  let chosen: Values;
  let what: string;
  if ('variable' in modes.selector) {
    what = modes.selector.variable;
    if (!variables.has(what)) {
      if (modes.default !== undefined) return { mode: modes.variants[modes.default], problems: [] };
      // envFrom may set it: then which mode runs cannot be known here.
      if (fromEnvFrom) return { problems: [] };
      return {
        problems: [
          {
            rule: 'contract/variable',
            message: `${image} dispatches on ${what} (one of ${names.join(', ')}), which is not set; ${modes.otherwise} [${modes.source}]`,
          },
        ],
      };
    }
    chosen = variables.get(what);
  } else {
    what = `argument ${modes.selector.argument + 1}`;
    const argument = (container.args ?? [])[modes.selector.argument];
    if (argument === undefined && modes.default !== undefined) return { mode: modes.variants[modes.default], problems: [] };
    chosen = valuesOf(argument ?? '', pod);
  }
  if (chosen === undefined) return { problems: [] };
  // Every value the selector may hold (a parameter's enum) must name a mode; with several, which one
  // runs is decided per run.
  const problems: Problem[] = [];
  const selected: Mode[] = [];
  for (const value of chosen) {
    const key = modes.classify === undefined ? value : modes.classify(value);
    const mode = key === undefined ? undefined : modes.variants[key];
    if (mode !== undefined) {
      selected.push(mode);
      continue;
    }
    const hint = modes.classify !== undefined ? undefined : closestName(value, names);
    problems.push({
      rule: 'contract/form',
      message: `${what}=${JSON.stringify(value)} names no mode of ${image}${hint === undefined ? '' : ` (did you mean ${hint}?)`}; it takes ${modes.classify === undefined ? names.join(', ') : 'the values its contract describes'}, and otherwise ${modes.otherwise} [${modes.source}]`,
    });
  }
  return chosen.length === 1 && selected.length === 1 ? { mode: selected[0], problems } : { problems };
}

function argumentProblems(contract: ImageContract, container: Container, pod: ObjectPod): Problem[] {
  const problems: Problem[] = [];
  const { entrypoint } = contract;
  if (container.command !== undefined) {
    const allowed = [entrypoint.command, ...(entrypoint.alternatives ?? [])];
    if (!allowed.some((command) => sameList(command, container.command!))) {
      problems.push({
        rule: 'contract/argument',
        message: `runs ${JSON.stringify(container.command)}, which ${contract.repository} does not provide; its entry point is ${JSON.stringify(entrypoint.command)}${(entrypoint.alternatives ?? []).length > 0 ? ` (or ${entrypoint.alternatives!.map((each) => JSON.stringify(each)).join(', ')})` : ''} [${entrypoint.source}]`,
      });
    }
  }
  const args = container.args ?? [];
  const takesSubcommand = contract.modes !== undefined && 'argument' in contract.modes.selector;
  const spec = contract.arguments;
  if (spec === undefined) {
    if (args.length > (takesSubcommand ? 1 : 0))
      problems.push({
        rule: 'contract/argument',
        message: `passes arguments ${JSON.stringify(args)}, but ${contract.repository} takes none [${entrypoint.source}]`,
      });
    return problems;
  }
  const seen = new Set<string>();
  const known = Object.keys(spec.flags);
  for (let index = takesSubcommand ? 1 : 0; index < args.length; index++) {
    const argument = args[index]!;
    const match = /^(--?[^=\s]+)(?:=(.*))?$/s.exec(argument);
    if (match === null) continue;
    const name = spec.singleDash ? match[1]!.replace(/^--?/, '--') : match[1]!;
    const flag = spec.flags[name];
    if (flag === undefined) {
      if (spec.unknownFlags === 'error') {
        problems.push({
          rule: 'contract/argument',
          message: `passes ${match[1]}, which ${contract.repository} does not take${didYouMean(name, known)} [${contract.source}]`,
        });
      }
      continue;
    }
    seen.add(name);
    if (flag.form === 'switch') continue;
    const value = match[2] ?? args[++index];
    for (const candidate of value === undefined ? [] : (valuesOf(value, pod) ?? [])) {
      const problem = formProblem(flag.form, candidate);
      if (problem !== undefined) problems.push({ rule: 'contract/form', message: `${name}=${JSON.stringify(candidate)}: ${problem} [${flag.source}]` });
    }
  }
  for (const [name, flag] of Object.entries(spec.flags)) {
    if (flag.required === true && !seen.has(name))
      problems.push({
        rule: 'contract/argument',
        message: `${contract.repository} requires ${name} (${flag.description}), which is not passed [${flag.source}]`,
      });
  }
  return problems;
}

/**
 * What the author probably meant, among the names a program reads: a near miss (a typo, a hyphen for
 * an underscore), else the name sharing the most words with it when they include its last word or all
 * of its words (GITHUB_TOKEN for GITHUB_KEBECHET_TOKEN, THOTH_DOCUMENT_ID for DOCUMENT_ID).
 */
function closestName(name: string, known: readonly string[]): string | undefined {
  if (known.length === 0) return undefined;
  const near = closest(name, [...known]);
  if (distance(name.toLowerCase(), near.toLowerCase()) <= Math.max(2, Math.floor(name.length / 3))) return near;
  const words = name.toUpperCase().split(/[_-]/);
  let best: { name: string; shared: number } | undefined;
  for (const candidate of known) {
    const theirs = candidate.toUpperCase().split(/[_-]/);
    const shared = words.filter((word) => theirs.includes(word)).length;
    const related = theirs.at(-1) === words.at(-1) || shared === Math.min(words.length, theirs.length);
    if (related && shared > 0 && (best === undefined || shared > best.shared)) best = { name: candidate, shared };
  }
  return best?.name;
}

function didYouMean(name: string, known: readonly string[]): string {
  const hint = closestName(name, known);
  return hint === undefined ? '' : `; did you mean ${hint}?`;
}

const sameList = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((item, index) => item === b[index]);

const isWrittenPath = (form: Form): boolean => form.type === 'path' && form.access === 'write';

/** Whether the container may write at a path: a writable root, or a volume mounted at or above it. */
function writablePaths(container: Container): (path: string) => boolean {
  if (container.securityContext?.readOnlyRootFilesystem !== true) return () => true;
  const mounts = (container.volumeMounts ?? []).filter((mount) => mount.readOnly !== true).map((mount) => mount.mountPath.replace(/\/+$/, ''));
  return (path) => mounts.some((mount) => path === mount || path.startsWith(`${mount}/`));
}

/** Whether the pod gets an API token: unless it, or (for a workload's own account) its account, turns the mount off. */
function mountsToken(pod: ObjectPod): boolean {
  const spec = pod.pod as { automountServiceAccountToken?: boolean };
  return spec.automountServiceAccountToken !== false;
}

const PARAMETER = /^\{\{\s*(inputs|workflow)\.parameters\.([A-Za-z0-9_-]+)\s*\}\}$/;

/**
 * The texts a value may stand for: itself when it holds no Argo expression; the enum or default of
 * the one parameter it consists of; the image reference with its parameters substituted; or unknown.
 */
function valuesOf(text: string, pod: ObjectPod): Values {
  if (!text.includes('{{')) return [text];
  const whole = PARAMETER.exec(text);
  if (whole !== null) return parameterValues(whole[1] === 'inputs' ? pod.inputs : pod.workflowArguments, whole[2]!);
  // A value built around parameters (an image reference): substitute each parameter's enum.
  let results: string[] = [text];
  for (const match of text.matchAll(/\{\{\s*(inputs|workflow)\.parameters\.([A-Za-z0-9_-]+)\s*\}\}/g)) {
    const options = parameterValues(match[1] === 'inputs' ? pod.inputs : pod.workflowArguments, match[2]!);
    if (options === undefined || options.length === 0) return undefined;
    results = results.flatMap((result) => options.map((option) => result.replace(match[0], option)));
  }
  return results.some((result) => result.includes('{{')) ? undefined : results;
}

function parameterValues(parameters: readonly WorkflowParameter[] | undefined, name: string): Values {
  const parameter = parameters?.find((each) => each.name === name);
  if (parameter === undefined) return undefined;
  if (parameter.enum !== undefined) return parameter.enum;
  if (parameter.value !== undefined && !parameter.value.includes('{{')) return [parameter.value];
  if (parameter.default !== undefined && !parameter.default.includes('{{')) return [parameter.default];
  return undefined;
}
