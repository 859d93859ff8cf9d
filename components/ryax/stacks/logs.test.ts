/**
 * The logs stack of every Ryax environment on disk that installs it, a site's or an engine's: Loki
 * keeps seven days and enforces it, reads no Secret, renders no cluster-wide object, and answers where
 * the worker's RYAX_LOKI_API_URL says; Alloy's configuration parses as Alloy's syntax (the subset it
 * uses), collects Ryax's and the actions' namespaces only, pushes to Loki, and counts the Ryax
 * containers' errors as the metric RyaxErrorsInLogs reads; every key path set is one the charts at
 * their pinned versions read (logs-keys.fixture.ts).
 */
import { namespaceOf } from '../../../src/config/environment.js';
import { formProblem } from '../../../src/contracts/forms.js';
import { ENVIRONMENTS, loadedReal } from '../../../test/helpers.js';
import { RYAX_WORKER_CONTRACT } from '../contracts/worker.js';
import type { SiteEnvironment } from '../worker/environment.js';
import { installs } from '../shared/stacks.js';
import type { LogsEnvironment } from './logs.js';
import {
  ALLOY_CLUSTER_KINDS,
  ALLOY_RULES,
  alloyConfig,
  alloyOtherNamespaces,
  alloyValues,
  collectedNamespaces,
  logCollectorNamespace,
  RYAX_ERRORS_METRIC,
} from './alloy.js';
import { grafanaLogLevel, LOKI_CLUSTER_KINDS, LOKI_OTHER_NAMESPACES, lokiAddress, lokiPushUrl, lokiValues } from './loki.js';
import { ALLOY_VALUES_KEYS, LOKI_VALUES_KEYS } from './logs-keys.fixture.js';
import type { ValuesKeys } from './values-keys.fixture.js';

/** The environments that install the logs stack. */
const LOGS = (await Promise.all(ENVIRONMENTS.map(loadedReal)))
  .map((loaded) => loaded.env as LogsEnvironment)
  .filter((env) => (env.platform === 'ryax' || env.platform === 'ryax-worker') && installs(env, 'logs'));

// ---- A parser of the part of Alloy's syntax the configuration uses (grafana/alloy@v1.18.1:syntax/) ----

type Expr =
  | { readonly kind: 'string'; readonly value: string }
  | { readonly kind: 'list'; readonly items: Expr[] }
  | { readonly kind: 'object'; readonly entries: Record<string, Expr> }
  | { readonly kind: 'reference'; readonly path: string }
  | { readonly kind: 'literal'; readonly text: string };

interface Block {
  readonly name: string;
  readonly label?: string;
  readonly attributes: Record<string, Expr>;
  readonly blocks: Block[];
}

type Token = { readonly type: 'identifier' | 'string' | 'number' | 'punctuation'; readonly text: string; readonly at: number };

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  const pattern = /\s+|\/\/[^\n]*|("(?:[^"\\\n]|\\.)*")|([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)|(-?[0-9]+(?:\.[0-9]+)?)|([{}[\]=,])/y;
  while (pattern.lastIndex < source.length) {
    const at = pattern.lastIndex;
    const match = pattern.exec(source);
    if (match === null) throw new Error(`unexpected character ${JSON.stringify(source[at])} at ${at}`);
    if (match[1] !== undefined) tokens.push({ type: 'string', text: match[1], at });
    else if (match[2] !== undefined) tokens.push({ type: 'identifier', text: match[2], at });
    else if (match[3] !== undefined) tokens.push({ type: 'number', text: match[3], at });
    else if (match[4] !== undefined) tokens.push({ type: 'punctuation', text: match[4], at });
  }
  return tokens;
}

function parseAlloy(source: string): Block[] {
  const tokens = tokenize(source);
  let next = 0;
  const peek = () => tokens[next];
  const take = (text?: string): Token => {
    const token = tokens[next];
    if (token === undefined || (text !== undefined && token.text !== text)) {
      throw new Error(`expected ${text ?? 'a token'} at ${token?.at ?? 'the end'}, found ${token?.text ?? 'nothing'}`);
    }
    next += 1;
    return token;
  };
  const expression = (): Expr => {
    const token = take();
    if (token.type === 'string') return { kind: 'string', value: JSON.parse(token.text) };
    if (token.type === 'number' || ['true', 'false', 'null'].includes(token.text)) return { kind: 'literal', text: token.text };
    if (token.type === 'identifier') return { kind: 'reference', path: token.text };
    if (token.text === '[') {
      const items: Expr[] = [];
      while (peek()?.text !== ']') {
        items.push(expression());
        if (peek()?.text !== ']') take(',');
      }
      take(']');
      return { kind: 'list', items };
    }
    if (token.text === '{') {
      const entries: Record<string, Expr> = {};
      while (peek()?.text !== '}') {
        const key = take();
        if (key.type !== 'string' && key.type !== 'identifier') throw new Error(`object key expected at ${key.at}`);
        take('=');
        entries[key.type === 'string' ? JSON.parse(key.text) : key.text] = expression();
        if (peek()?.text !== '}') take(',');
      }
      take('}');
      return { kind: 'object', entries };
    }
    throw new Error(`expression expected at ${token.at}, found ${token.text}`);
  };
  const body = (closing: boolean): { attributes: Record<string, Expr>; blocks: Block[] } => {
    const attributes: Record<string, Expr> = {};
    const blocks: Block[] = [];
    while (next < tokens.length && !(closing && peek()?.text === '}')) {
      const name = take();
      if (name.type !== 'identifier') throw new Error(`attribute or block name expected at ${name.at}, found ${name.text}`);
      if (peek()?.text === '=') {
        take('=');
        if (name.text in attributes) throw new Error(`attribute ${name.text} set twice`);
        attributes[name.text] = expression();
        continue;
      }
      const label = peek()?.type === 'string' ? JSON.parse(take().text) : undefined;
      take('{');
      blocks.push({ name: name.text, ...(label === undefined ? {} : { label }), ...body(true) });
      take('}');
    }
    return { attributes, blocks };
  };
  const { attributes, blocks } = body(false);
  if (Object.keys(attributes).length > 0) throw new Error(`top-level attributes ${Object.keys(attributes)}`);
  return blocks;
}

/** The exports of the components the configuration uses (their reference pages at v1.18.1, "Exported fields"). */
const EXPORTS: Readonly<Record<string, readonly string[]>> = {
  'discovery.kubernetes': ['targets'],
  'discovery.relabel': ['output', 'rules'],
  'loki.process': ['receiver'],
  'loki.write': ['receiver'],
};

function references(expr: Expr): string[] {
  switch (expr.kind) {
    case 'reference':
      return [expr.path];
    case 'list':
      return expr.items.flatMap(references);
    case 'object':
      return Object.values(expr.entries).flatMap(references);
    default:
      return [];
  }
}

const allBlocks = (blocks: readonly Block[]): Block[] => blocks.flatMap((block) => [block, ...allBlocks(block.blocks)]);
const stringOf = (expr: Expr | undefined): string => {
  if (expr?.kind !== 'string') throw new Error(`expected a string, found ${JSON.stringify(expr)}`);
  return expr.value;
};
const stringsOf = (expr: Expr | undefined): string[] => {
  if (expr?.kind !== 'list') throw new Error(`expected a list, found ${JSON.stringify(expr)}`);
  return expr.items.map(stringOf);
};
const only = (blocks: readonly Block[], name: string): Block => {
  const found = blocks.filter((block) => block.name === name);
  if (found.length !== 1) throw new Error(`${found.length} ${name} blocks`);
  return found[0]!;
};

/** An RE2 expression of the subset used, as a JavaScript RegExp: a leading `(?i)` becomes the i flag, `(?P<` is `(?<`. */
function re2(expression: string): RegExp {
  const caseless = expression.startsWith('(?i)');
  return new RegExp((caseless ? expression.slice(4) : expression).replaceAll('(?P<', '(?<'), caseless ? 'i' : '');
}

/** The dotted paths of a values object's leaves: a list, a scalar, or a value under a free-form path. */
function leafPaths(value: unknown, freeForm: ReadonlySet<string>, prefix = ''): string[] {
  if (prefix !== '' && freeForm.has(prefix)) return [prefix];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => leafPaths(child, freeForm, prefix === '' ? key : `${prefix}.${key}`));
}

function expectRestricted(pod: any, container: any): void {
  expect(pod).toMatchObject({ runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } });
  expect(container).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
}

test('there is a site and an engine with the logs stack to test', () => {
  expect(LOGS.map((env) => env.platform).sort()).toEqual(expect.arrayContaining(['ryax', 'ryax-worker']));
});

describe.each(LOGS.map((env) => [env.name, env] as const))('%s', (_name, env) => {
  // Ryax's own containers' namespace: a site's worker's, an engine's services'.
  const worker = namespaceOf<string>(env, env.platform === 'ryax-worker' ? 'worker' : 'services');
  const executions = namespaceOf<string>(env, 'executions');

  describe('loki', () => {
    const values = lokiValues(env);

    test('enforces seven days of retention: the compactor deletes, through the schema’s one object store', () => {
      expect(values.loki.limits_config.retention_period).toBe('168h');
      expect(values.loki.compactor.retention_enabled).toBe(true);
      expect(values.loki.schemaConfig.configs.map((period) => period.object_store)).toEqual([values.loki.compactor.delete_request_store]);
    });

    test('runs one single binary on a kept 10Gi volume, with no gateway, caches, canary or test pod', () => {
      expect(values.deploymentMode).toBe('SingleBinary');
      expect(values.singleBinary.replicas).toBe(1);
      expect([values.read, values.write, values.backend]).toEqual([{ replicas: 0 }, { replicas: 0 }, { replicas: 0 }]);
      expect(values.loki.storage.type).toBe('filesystem');
      expect(values.singleBinary.persistence).toEqual({ enabled: true, size: '10Gi', enableStatefulSetAutoDeletePVC: false });
      for (const off of [values.gateway, values.chunksCache, values.resultsCache, values.lokiCanary, values.test]) expect(off.enabled).toBe(false);
    });

    test('reads no Secret and renders nothing cluster-wide: no rules sidecar, namespaced RBAC', () => {
      expect(values.sidecar.rules.enabled).toBe(false);
      expect(values.rbac.namespaced).toBe(true);
      expect(LOKI_CLUSTER_KINDS).toEqual([]);
      expect(LOKI_OTHER_NAMESPACES).toEqual([]);
    });

    test('answers without a tenant where the worker’s RYAX_LOKI_API_URL says, in the form the worker takes', () => {
      expect(values.loki.auth_enabled).toBe(false);
      expect(lokiAddress(env)).toBe(`ryax-loki.${worker}-logs:3100`);
      expect(formProblem(RYAX_WORKER_CONTRACT.variables.RYAX_LOKI_API_URL.form, lokiAddress(env))).toBeUndefined();
    });

    test('runs restricted, at the monitoring priority, reporting nothing to Grafana Labs', () => {
      expectRestricted(values.loki.podSecurityContext, values.loki.containerSecurityContext);
      expect(values.singleBinary.priorityClassName).toBe(`${env.name}-monitoring`);
      expect(values.loki.analytics.reporting_enabled).toBe(false);
    });
  });

  describe('alloy', () => {
    const values = alloyValues(env);
    const config = alloyConfig(env);
    const blocks = parseAlloy(config);
    const everyBlock = allBlocks(blocks);

    test('the configuration parses, every component is labelled once and every reference names a component’s export', () => {
      const components = blocks.filter((block) => block.name.includes('.'));
      expect(blocks.filter((block) => !block.name.includes('.')).map((block) => block.name)).toEqual(['logging']);
      const ids = components.map((block) => `${block.name}.${block.label}`);
      expect(components.every((block) => block.label !== undefined)).toBe(true);
      expect(new Set(ids).size).toBe(ids.length);
      const used = everyBlock.flatMap((block) => Object.values(block.attributes).flatMap(references));
      expect(used.length).toBeGreaterThan(0);
      for (const reference of used) {
        const component = components.find((block) => reference.startsWith(`${block.name}.${block.label}.`));
        const exported = component === undefined ? undefined : reference.slice(`${component.name}.${component.label}.`.length);
        expect({ reference, exported: component !== undefined && (EXPORTS[component.name] ?? []).includes(exported!) }).toEqual({ reference, exported: true });
      }
      // The chart renders the configuration through Helm's tpl.
      expect(config).not.toContain('{{');
    });

    test('discovers and reads the pods of Ryax’s and the actions’ namespaces only, through Roles there', () => {
      const discovery = only(blocks, 'discovery.kubernetes');
      expect(stringOf(discovery.attributes.role)).toBe('pod');
      expect(stringsOf(only(discovery.blocks, 'namespaces').attributes.names)).toEqual([worker, executions]);
      expect(values.rbac.namespaces).toEqual([worker, executions]);
      expect(values.rbac.rules).toEqual(ALLOY_RULES);
      expect(ALLOY_RULES.flatMap((rule) => rule.resources).sort()).toEqual(['pods', 'pods/log']);
      expect(ALLOY_CLUSTER_KINDS).toEqual([]);
      expect(alloyOtherNamespaces(env)).toEqual(collectedNamespaces(env).filter((namespace) => namespace !== logCollectorNamespace(env)));
    });

    test('labels streams as promtail did: namespace, pod, container, and the pods’ own labels', () => {
      const rules = only(blocks, 'discovery.relabel').blocks.map((rule) => rule.attributes);
      const target = (label: string) => rules.find((rule) => rule.target_label?.kind === 'string' && rule.target_label.value === label);
      expect(stringsOf(target('namespace')?.source_labels)).toEqual(['__meta_kubernetes_namespace']);
      expect(stringsOf(target('pod')?.source_labels)).toEqual(['__meta_kubernetes_pod_name']);
      expect(stringsOf(target('container')?.source_labels)).toEqual(['__meta_kubernetes_pod_container_name']);
      expect(rules).toContainEqual({ action: { kind: 'string', value: 'labelmap' }, regex: { kind: 'string', value: '__meta_kubernetes_pod_label_(.+)' } });
    });

    test('tails through the API into Loki’s push endpoint and into the error counter', () => {
      const source = only(blocks, 'loki.source.kubernetes');
      expect(source.attributes.targets).toEqual({ kind: 'reference', path: 'discovery.relabel.pods.output' });
      const write = only(blocks, 'loki.write');
      expect(stringOf(only(write.blocks, 'endpoint').attributes.url)).toBe(lokiPushUrl(env));
      expect(lokiPushUrl(env)).toBe(`http://${lokiAddress(env)}/loki/api/v1/push`);
      const errors = only(blocks, 'loki.process');
      expect(references(source.attributes.forward_to!).sort()).toEqual([`loki.process.${errors.label}.receiver`, `loki.write.${write.label}.receiver`].sort());
      expect(errors.attributes.forward_to).toEqual({ kind: 'list', items: [] });
    });

    test('counts error lines of the Ryax containers of Ryax’s namespace as RYAX_ERRORS_METRIC, and no other', () => {
      expect(RYAX_ERRORS_METRIC).toBe('loki_process_custom_ryax_internal_error_in_logs_total');
      const match = only(only(blocks, 'loki.process').blocks, 'stage.match');
      const selector = stringOf(match.attributes.selector);
      expect(selector).toContain(`namespace=${JSON.stringify(worker)}`);
      if (executions !== worker) expect(selector).not.toContain(executions);
      const counter = only(allBlocks(match.blocks), 'metric.counter').attributes;
      // No prefix set: stage.metrics prefixes loki_process_custom_ (metric.go#L19).
      expect(counter.prefix).toBeUndefined();
      expect(`loki_process_custom_${stringOf(counter.name)}`).toBe(RYAX_ERRORS_METRIC);
      expect(stringOf(counter.action)).toBe('inc');
      // The counter counts what the regex extracts from the logfmt level the logfmt stage extracts.
      const logfmt = only(match.blocks, 'stage.logfmt').attributes.mapping;
      const regex = only(match.blocks, 'stage.regex').attributes;
      expect(logfmt?.kind === 'object' && stringOf(logfmt.entries[stringOf(regex.source)])).toBe('level');
      const level = re2(stringOf(regex.expression));
      const extracted = (value: string) => value.match(level)?.groups?.[stringOf(counter.source)];
      expect(['ERROR', 'CRITICAL', 'error', 'fatal'].map(extracted)).toEqual(['ERROR', 'CRITICAL', 'error', 'fatal']);
      expect(['INFO', 'WARNING', 'DEBUG', 'ERRORS', ''].map(extracted)).toEqual([undefined, undefined, undefined, undefined, undefined]);
      // Lines read again by a new pod are not counted again.
      expect(stringOf(only(match.blocks, 'stage.drop').attributes.older_than)).toBe('1m');
    });

    test('is scraped through its ServiceMonitor with the environment’s labels, and reports nothing to Grafana Labs', () => {
      expect(values.service.enabled).toBe(true);
      expect(values.serviceMonitor).toEqual({ enabled: true, additionalLabels: env.monitoring.serviceMonitorLabels });
      expect(values.alloy.enableReporting).toBe(false);
    });

    test('runs restricted as the image’s alloy user, one replica, its read positions on an emptyDir', () => {
      expectRestricted(values.global.podSecurityContext, values.alloy.securityContext);
      expect(values.global.podSecurityContext.runAsUser).toBe(473);
      expect(values.configReloader.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true });
      expect(values.controller).toMatchObject({ type: 'deployment', replicas: 1, priorityClassName: `${env.name}-monitoring` });
      expect(values.alloy.storagePath.startsWith('/tmp/')).toBe(true);
      expect(values.alloy.mounts.extra).toEqual([{ name: 'tmp', mountPath: '/tmp' }]);
      expect(values.controller.volumes.extra).toEqual([{ name: 'tmp', emptyDir: {} }]);
      expect(JSON.stringify(values)).not.toMatch(/hostPath|varlog|privileged/);
      expect(values.crds.create).toBe(false);
    });
  });
});

describe('environments/ryax-prod-site-2.yaml', () => {
  test('Alloy collects ryaxns and ryaxns-execs into ryax-loki.ryaxns-logs, a namespace of the stack’s own', async () => {
    const env = (await loadedReal('ryax-prod-site-2')).env as SiteEnvironment;
    const blocks = parseAlloy(alloyConfig(env));
    expect(stringsOf(only(only(blocks, 'discovery.kubernetes').blocks, 'namespaces').attributes.names)).toEqual(['ryaxns', 'ryaxns-execs']);
    expect(stringOf(only(only(blocks, 'loki.write').blocks, 'endpoint').attributes.url)).toBe('http://ryax-loki.ryaxns-logs:3100/loki/api/v1/push');
    expect(lokiAddress(env)).toBe('ryax-loki.ryaxns-logs:3100');
    expect(logCollectorNamespace(env)).toBe('ryaxns-logs');
    expect(alloyOtherNamespaces(env)).toEqual(['ryaxns', 'ryaxns-execs']);
    expect(lokiValues(env).loki.server).toEqual({ log_level: 'warn', log_format: 'json' });
  });
});

test('the environment’s log levels by the names Loki and Alloy take; any other is refused, naming it', () => {
  expect(['debug', 'info', 'warning', 'error'].map((logLevel) => grafanaLogLevel({ logLevel }))).toEqual(['debug', 'info', 'warn', 'error']);
  expect(() => grafanaLogLevel({ logLevel: 'verbose' })).toThrow('environment logLevel is "verbose": expected one of debug, info, warning, error');
});

describe('the parser of Alloy’s syntax', () => {
  test.each([
    ['an unclosed block', 'loki.write "a" {\n  endpoint {\n    url = "x"\n  }\n'],
    ['a block without braces', 'loki.write "a"\n'],
    ['an unterminated string', 'logging {\n  level = "warn\n}\n'],
    ['an attribute without a value', 'logging {\n  level =\n}\n'],
  ])('refuses %s', (_what, source) => {
    expect(() => parseAlloy(source)).toThrow();
  });
});

describe.each([
  ['loki', LOKI_VALUES_KEYS, (env: LogsEnvironment) => lokiValues(env)],
  ['alloy', ALLOY_VALUES_KEYS, (env: LogsEnvironment) => alloyValues(env)],
] as const)('%s: key paths', (_chart, fixture: ValuesKeys, build: (env: LogsEnvironment) => unknown) => {
  const freeForm = new Set(Object.keys(fixture.freeForm));
  const produced = new Set(LOGS.flatMap((env) => leafPaths(build(env), freeForm)));

  test('every key path set is one the chart reads at its pinned version', () => {
    const known = new Set([...Object.keys(fixture.keys), ...freeForm]);
    expect([...produced].filter((path) => !known.has(path))).toEqual([]);
  });

  test('every key path of the fixture is still set by some environment', () => {
    expect([...Object.keys(fixture.keys), ...freeForm].filter((path) => !produced.has(path))).toEqual([]);
  });
});
