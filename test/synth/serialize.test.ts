import { parse } from 'yaml';
import { serialize, type RenderedObject } from '../../src/synth/manifest.js';
import { ENVIRONMENTS, renderReal } from '../helpers.js';

const object = (manifest: Record<string, unknown>): RenderedObject => ({
  manifest: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'y' }, ...manifest },
  application: 'app',
  file: 'app/configmap_y_x.yaml',
  constructPath: 'app/X',
});

describe('serialize', () => {
  test('writes apiVersion, kind and metadata first, then keys in code-unit order', () => {
    const text = serialize(object({ data: { b: '1', B: '2', a: '3' }, binaryData: {} }));
    expect(text).toBe(
      [
        '# Rendered by thoth-gitops from app/X. Edit the code, not this file.',
        'apiVersion: v1',
        'kind: ConfigMap',
        'metadata:',
        '  name: x',
        '  namespace: "y"',
        'binaryData: {}',
        'data:',
        '  B: "2"',
        '  a: "3"',
        '  b: "1"',
        '',
      ].join('\n'),
    );
  });

  test('quotes strings a YAML 1.1 reader (Kubernetes, Argo CD) would take for another type', () => {
    const data = { on: 'on', yes: 'yes', no: 'NO', off: 'Off', y: 'y', octal: '0755', float: '1e3', empty: '', nul: 'null', tilde: '~' };
    const text = serialize(object({ data }));
    expect(parse(text, { version: '1.1' }).data).toEqual(data);
  });

  test('writes equal sub-objects out in full, never as anchors and aliases', () => {
    const shared = { a: '1' };
    expect(serialize(object({ data: { one: shared, two: shared } }))).not.toMatch(/[&*]/);
  });

  test.each(ENVIRONMENTS)('every %s file reads back as the object it was written from', async (name) => {
    const env = await renderReal(name);
    for (const application of env.applications) {
      for (const rendered of application.objects) expect(parse(serialize(rendered), { version: '1.1' })).toEqual(rendered.manifest);
    }
  });
});
