import { ProblemsError, type Problem } from '../../src/errors.js';
import { loadPlatformEnvironments, parseEnvironment } from '../../src/config/load.js';
import { VALID_ENVIRONMENT, withEdit } from '../fixtures/environment.js';
import { THOTH_ENVIRONMENTS, REPO_ROOT } from '../helpers.js';
import { THOTH } from '../../platforms/thoth/platform.js';

const FILE = 'environments/unit.yaml';

function problemsOf(text: string): Problem[] {
  try {
    parseEnvironment(THOTH, 'unit', FILE, text);
  } catch (error) {
    if (error instanceof ProblemsError) return [...error.problems];
    throw error;
  }
  throw new Error('expected the environment to be rejected');
}

/** "line:column keyPath: message" of each problem, the parts a user acts on. */
function summaries(text: string): string[] {
  return problemsOf(text).map((problem) => `${problem.line}:${problem.column} ${problem.keyPath}: ${problem.message}`);
}

describe('parseEnvironment accepts', () => {
  test('the fixture, with its name taken from the file', () => {
    const env = parseEnvironment(THOTH, 'unit', FILE, VALID_ENVIRONMENT);
    expect(env.name).toBe('unit');
    expect(env.namespaces['thoth-unit-core']?.quota.cpu).toEqual({ requests: '4', limits: 8 });
    expect(env.components['graph-refresh']).toEqual({ schedule: '@hourly', suspend: false });
  });

  test.each(THOTH_ENVIRONMENTS)('the repository environment %s', async (name) => {
    const [env] = await loadPlatformEnvironments(THOTH, REPO_ROOT, [name]);
    expect(env?.name).toBe(name);
  });
});

describe('parseEnvironment rejects, naming file, line, column, key path, value and what is allowed', () => {
  test('a YAML syntax error', () => {
    expect(summaries(withEdit('  json: true', '  json: [true'))).toEqual([expect.stringMatching(/^5[78]:\d+ : invalid YAML: /)]);
  });

  test('a duplicate key', () => {
    expect(summaries(withEdit('  clientId: thoth-messaging\n', '  clientId: thoth-messaging\n  clientId: other\n'))).toEqual([
      '43:3 kafka.clientId: duplicate key: each key may appear only once in a mapping (the second one would silently win)',
    ]);
  });

  test('an unknown key, with the known key probably meant', () => {
    expect(summaries(withEdit('  refreshInterval: 1h', '  refreshIntervall: 1h'))).toEqual(
      [
        '28:3 secrets.refreshIntervall: unknown key "refreshIntervall" (did you mean "refreshInterval"?); allowed keys: storeKind, storeName, keyPrefix, refreshInterval',
        '24:1 secrets: missing required key "refreshInterval" in this mapping',
      ].sort(byLine),
    );
  });

  test('a wrong type', () => {
    expect(summaries(withEdit('  json: true', '  json: "yes"'))).toEqual([
      '57:9 logging.json: got "yes"; expected a boolean: write true or false, without quotes',
    ]);
  });

  test('a number where a string is expected', () => {
    expect(summaries(withEdit('  targetRevision: main', '  targetRevision: 42'))).toEqual([
      '20:19 argocd.targetRevision: got 42; expected a string (the branch, tag or commit Argo CD syncs)',
    ]);
  });

  test('a value out of range', () => {
    expect(summaries(withEdit('user-api: { replicas: 2 }', 'user-api: { replicas: 50 }'))).toEqual([
      '60:25 components.user-api.replicas: got 50; must be at most 20',
    ]);
  });

  test('a value not among the allowed ones, with the one probably meant', () => {
    expect(summaries(withEdit('securityProtocol: PLAINTEXT', 'securityProtocol: PLAINTEXTT'))).toEqual([
      '41:21 kafka.securityProtocol: got "PLAINTEXTT" (did you mean "PLAINTEXT"?); allowed: PLAINTEXT, SSL, SASL_PLAINTEXT, SASL_SSL',
    ]);
  });

  test('a value that does not match its pattern', () => {
    expect(summaries(withEdit('memory: { requests: 8Gi', 'memory: { requests: 8GB'))).toEqual([
      '11:27 namespaces.thoth-unit-core.quota.memory.requests: got "8GB"; expected a Kubernetes quantity such as 500m, 2 or 4Gi',
    ]);
  });

  test('an invalid cron schedule', () => {
    expect(summaries(withEdit('schedule: "@hourly"', 'schedule: "0 0 * * * *"'))).toEqual([
      '59:30 components.graph-refresh.schedule: "0 0 * * * *" is not a valid schedule: it has 6 fields, a Kubernetes schedule has 5; allowed: five fields "minute hour day-of-month month day-of-week" (e.g. "0 */6 * * *") or one of @yearly, @annually, @monthly, @weekly, @daily, @midnight, @hourly',
    ]);
  });

  test('an unknown component name, with the component probably meant', () => {
    const [summary] = summaries(withEdit('  user-api: { replicas: 2 }', '  user-apii: { replicas: 2 }'));
    expect(summary).toMatch(/^60:3 components.user-apii: unknown key "user-apii" \(did you mean "user-api"\?\); allowed keys: user-api, management-api, /);
  });

  test('a setting the component kind does not have', () => {
    expect(summaries(withEdit('user-api: { replicas: 2 }', 'user-api: { schedule: "@daily" }'))).toEqual([
      '60:15 components.user-api.schedule: unknown key "schedule"; allowed keys: enabled, imageTag, resources, env, replicas, host',
    ]);
  });

  test('an unpinned image tag', () => {
    expect(summaries(withEdit('user-api: { replicas: 2 }', 'user-api: { imageTag: latest }'))).toEqual([
      '60:25 components.user-api.imageTag: got "latest"; expected a pinned image tag such as v0.3.22 (not "latest")',
    ]);
  });

  test('a knowledge graph newer than the pg_dump of graph-backup’s image, unless graph-backup is off', () => {
    const newer = withEdit('user-api: { replicas: 2 }', 'user-api: { replicas: 2 }\n  postgresql: { imageTag: "17.2" }');
    expect(summaries(newer)).toEqual([
      "61:27 components.postgresql.imageTag: PostgreSQL 17 is newer than the pg_dump 16 of graph-backup's image, which refuses to dump it; raise postgresClient of graph-backup-job in src/images/programs.ts with it",
    ]);
    const accepted = [newer.replace('  postgresql:', '  graph-backup: { enabled: false }\n  postgresql:'), newer.replace('17.2', '15.8')];
    for (const text of accepted) expect(() => parseEnvironment(THOTH, 'unit', FILE, text)).not.toThrow();
  });

  test('an env value that YAML reads as a number', () => {
    expect(summaries(withEdit('user-api: { replicas: 2 }', 'user-api: { env: { WEB_CONCURRENCY: 4 } }'))).toEqual([
      '60:39 components.user-api.env.WEB_CONCURRENCY: got 4; expected a string (env values are strings: quote numbers and booleans)',
    ]);
  });

  test('a missing required key', () => {
    expect(summaries(withEdit('deploymentName: unit-test\n', ''))).toEqual(['1:1 : missing required key "deploymentName" in the file']);
  });

  test('an empty file', () => {
    expect(summaries('')).toEqual(['1:1 : the file is empty; an environment file is a mapping with keys such as platform, description, namespaces and argocd']);
  });

  test('a file of comments only', () => {
    expect(summaries('# nothing yet\n\n')).toHaveLength(1);
  });

  test('a file that is not a mapping', () => {
    expect(summaries('- a\n- b\n')).toEqual(['1:1 : an environment file is a mapping of keys to values, not a single value or a list']);
  });

  test('more than one document', () => {
    expect(summaries(`${VALID_ENVIRONMENT}---\ndescription: again\n`)).toEqual([
      expect.stringMatching(/^62:1 : more than one YAML document: an environment file holds exactly one$/),
    ]);
  });

  test('an alias bomb', () => {
    const bomb = ['a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let level = 1; level <= 6; level++) {
      const previous = String.fromCharCode(96 + level);
      const current = String.fromCharCode(97 + level);
      bomb.push(`${current}: &${current} [${Array(10).fill(`*${previous}`).join(',')}]`);
    }
    expect(summaries(`${bomb.join('\n')}\n`)).toEqual(['2:8 : aliases expand into too many nodes (an alias bomb?): at most 100 alias expansions are allowed']);
  });

  test('a tier placed in two namespaces', () => {
    const text = withEdit(
      '      memory: { requests: 8Gi, limits: 8Gi }\n',
      '      memory: { requests: 8Gi, limits: 8Gi }\n  thoth-unit-extra:\n    tiers: [graph]\n    quota: { cpu: { requests: 1, limits: 1 }, memory: { requests: 1Gi, limits: 1Gi } }\n',
    );
    expect(summaries(text)).toEqual([
      '13:13 namespaces.thoth-unit-extra.tiers[0]: tier "graph" is already placed in namespace "thoth-unit-core"; a tier lives in exactly one namespace',
    ]);
  });

  test('a tier that is not one: one problem listing the tiers, whatever its type', () => {
    const allowed = 'allowed: frontend, middletier, backend, graph, infra, amun-api, amun-inspection';
    expect(summaries(withEdit('tiers: [frontend,', 'tiers: [fronted,'))).toEqual([
      `8:13 namespaces.thoth-unit-core.tiers[0]: got "fronted" (did you mean "frontend"?); ${allowed}`,
    ]);
    expect(summaries(withEdit('tiers: [frontend,', 'tiers: [1,'))).toEqual([`8:13 namespaces.thoth-unit-core.tiers[0]: got 1; ${allowed}`]);
  });

  test('a tier placed in no namespace', () => {
    expect(summaries(withEdit(', amun-api, amun-inspection]', ', amun-api]'))).toEqual([
      '6:1 namespaces: no namespace holds tier(s) amun-inspection; add each to the tiers of one namespace',
    ]);
  });

  test('an invalid namespace name', () => {
    expect(summaries(withEdit('  thoth-unit-core:', '  Thoth_Core:'))).toEqual([
      '7:3 namespaces.Thoth_Core: invalid key "Thoth_Core": expected namespace name → the tiers it holds, its quota and limits',
    ]);
  });

  test('prune without automated sync', () => {
    expect(summaries(withEdit('    automated: true', '    automated: false\n    prune: true'))).toEqual([
      '24:12 argocd.syncPolicy.prune: got true, but prune only applies to automated sync; set automated: true or remove prune',
    ]);
  });

  test('every problem of a file at once, in file order', () => {
    const text = withEdit('  json: true', '  json: 1').replace('  bucket: thoth', '  bucket: T');
    expect(summaries(text).map((summary) => summary.split(' ')[0])).toEqual(['46:11', '57:9']);
  });
});

describe('a problem is printed with its source line and a caret under the column', () => {
  test('format', () => {
    const error = (() => {
      try {
        parseEnvironment(THOTH, 'unit', FILE, withEdit('  json: true', '  json: 1'));
      } catch (caught) {
        return caught as Error;
      }
      throw new Error('expected a rejection');
    })();
    expect(error.message).toBe(
      ['environments/unit.yaml:57:9: logging.json: got 1; expected a boolean (JSON logs (false: plain text))', '  57 |   json: 1', '     |         ^'].join(
        '\n',
      ),
    );
  });
});

function byLine(a: string, b: string): number {
  return Number(a.split(':')[0]) - Number(b.split(':')[0]);
}

describe('the platform an environment file names', () => {
  test('is required, and must be one of the platforms', () => {
    expect(summaries(VALID_ENVIRONMENT.replace('platform: thoth\n', ''))).toEqual([
      expect.stringMatching(/^1:1 : platform is missing: say which platform this environment runs, one of "thoth"/),
    ]);
    expect(summaries(VALID_ENVIRONMENT.replace('platform: thoth\n', 'platform: toth\n'))).toEqual([
      expect.stringMatching(/^\d+:11 platform: "toth" is no platform here \(did you mean "thoth"\?\); one of "thoth"$/),
    ]);
  });
});
