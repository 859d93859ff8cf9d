/**
 * objectYaml writes what js-yaml's dump writes (referenceYaml), byte for byte: for every object the
 * environments render, for the scalars YAML makes hard (block scalars at every depth, strings a YAML
 * 1.1 reader takes for another type, numbers' edge cases, keys that need quotes), for what js-yaml
 * alone can write (the fallback), and for random documents built from those pieces.
 */
import { objectYaml, referenceYaml } from '../../src/synth/yaml.js';
import { ENVIRONMENTS, renderReal } from '../helpers.js';

const HARD_STRINGS = [
  '',
  ' ',
  'plain',
  'yes',
  'No',
  'ON',
  'off',
  'y',
  'null',
  'Null',
  '~',
  'true',
  'False',
  '0755',
  '0x1F',
  '0o17',
  '1e3',
  '1_000',
  '12:30:45',
  '.inf',
  '-.Inf',
  '.nan',
  '2026-12-01',
  '2026-12-01T08:00:00Z',
  '3.14',
  '-1',
  '+1',
  'a: b',
  'a:b',
  '- item',
  '-',
  '? key',
  '#comment',
  'value #comment',
  '@at',
  '`tick',
  '!tag',
  '&anchor',
  '*alias',
  '%percent',
  '|pipe',
  '>fold',
  '{flow}',
  '[flow]',
  'a, b',
  "it's",
  'say "hi"',
  'back\\slash',
  'tab\there',
  'bell\u0007',
  'nul\u0000',
  'bom\uFEFF',
  'nbsp\u00A0',
  'line\u2028separator',
  'ünïcödé ✓',
  'emoji 🎉',
  'trailing ',
  ' leading',
  'one\ntwo',
  'one\ntwo\n',
  'one\ntwo\n\n',
  '\n',
  '\n\n',
  '\nleading newline',
  '  indented\nfirst line',
  'blank\n\nlines\n',
  'spaces only\n   \nline',
  'trailing spaces \nline',
  'tab\tin\nblock',
  'carriage\r\nreturn',
  'x'.repeat(300),
  `${'word '.repeat(60)}end`,
  '#!/bin/sh\nset -eu\nexec "$@"\n',
  'groups:\n- name: a\n  rules: []\n',
];

const HARD_OTHERS = [
  0,
  -0,
  1,
  -1,
  1.5,
  1e21,
  1e-7,
  0.1,
  Number.MAX_SAFE_INTEGER,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  true,
  false,
  null,
];

const manifest = (body: Record<string, unknown>) => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name: 'x', namespace: 'y', labels: { b: '1', a: '2' } },
  ...body,
});

test.each(ENVIRONMENTS)('every object %s renders is written as js-yaml writes it', async (name) => {
  const env = await renderReal(name);
  for (const application of env.applications) {
    for (const { manifest: object, file } of application.objects) expect(objectYaml(object) === referenceYaml(object) ? '' : file).toBe('');
  }
});

test('hard scalars as values at every depth, in sequences and as keys', () => {
  for (const value of [...HARD_STRINGS, ...HARD_OTHERS]) {
    const nested = { a: value, b: { c: value, d: [value, [value], { e: value }] }, f: [{ g: { h: [value] } }] };
    const object = manifest({ data: nested, list: [value, nested] });
    expect(objectYaml(object)).toBe(referenceYaml(object));
  }
  const keyed = manifest({ data: Object.fromEntries(HARD_STRINGS.map((key, index) => [key, index])) });
  expect(objectYaml(keyed)).toBe(referenceYaml(keyed));
});

test('empty collections, undefined, holes and the key order of apiVersion, kind, metadata, name and namespace', () => {
  const list: unknown[] = [{}, [], undefined];
  // Index 3 stays a hole: js-yaml writes it as null.
  list[4] = [[]];
  list[5] = [{}];
  const object = {
    zeta: 1,
    metadata: { uid: 'u', namespace: 'n', name: 'x' },
    kind: 'K',
    apiVersion: 'v1',
    empty: {},
    none: [],
    list,
    gone: undefined,
    spec: { metadata: { z: 1, name: 'inner' }, kind: 'inner' },
  };
  expect(objectYaml(object)).toBe(referenceYaml(object));
  expect(objectYaml(object).split('\n').slice(0, 5)).toEqual(['apiVersion: v1', 'kind: K', 'metadata:', '  name: x', '  namespace: "n"']);
});

test('what only js-yaml writes is left to it: a key of over 1,024 characters, a Date, a Buffer', () => {
  for (const body of [{ data: { ['k'.repeat(1_100)]: 'v' } }, { when: new Date(0) }, { bytes: Buffer.from('x') }]) {
    const object = manifest(body);
    expect(objectYaml(object)).toBe(referenceYaml(object));
  }
});

test('random documents of hard pieces', () => {
  let seed = 17;
  const random = (below: number) => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    // The high bits: an LCG's low bits repeat with a short period.
    return Math.floor(seed / 2 ** 15) % below;
  };
  const value = (depth: number): unknown => {
    const pick = random(depth > 3 ? 2 : 5);
    if (pick === 0) return HARD_STRINGS[random(HARD_STRINGS.length)];
    if (pick === 1) return HARD_OTHERS[random(HARD_OTHERS.length)];
    if (pick === 2) return Array.from({ length: random(4) }, () => value(depth + 1));
    return Object.fromEntries(Array.from({ length: random(4) }, () => [HARD_STRINGS[random(HARD_STRINGS.length)], value(depth + 1)]));
  };
  for (let round = 0; round < 500; round++) {
    const object = manifest({ data: value(0), spec: value(0) });
    expect(objectYaml(object)).toBe(referenceYaml(object));
  }
});
