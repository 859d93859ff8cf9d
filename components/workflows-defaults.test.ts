/**
 * The documented defaults of every workflow component (catalogue kind `workflows`): the image and
 * resources of each step its settings apply to, rendered with the props the catalogue resolves from an
 * environment that sets nothing for it; and imageTag, resources and variables given as props reaching
 * exactly those steps.
 */
import { parseEnvironment } from '../src/config/load.js';
import type { Resources } from '../src/platform/pod.js';
import type { Manifest } from '../src/synth/manifest.js';
import { renderEnvironment } from '../src/synth/render.js';
import type { ThothChart } from '../charts/chart.js';
import { RenderContext } from '../charts/context.js';
import { bareEnvironment, manifestsOf, renderConstruct, TEST_IMAGE_TAGS } from '../test/helpers.js';
import { bareEnvironmentText } from '../test/fixtures/environment.js';
import { THOTH } from '../platforms/thoth/platform.js';
import { resolvedProps, type ComponentName } from './catalogue.js';
import { THOTH_IMAGE_TAGS, type ThothImageName } from './image-tags.js';
import type { WorkflowsComponentProps } from './shared/component.js';
import type { GraphSync } from './graph-sync/index.js';
import type { WorkflowCore } from './workflow-core/index.js';
import { Adviser } from './adviser/index.js';
import { AmunInspection } from './amun-inspection/index.js';
import { GraphSync as GraphSyncConstruct } from './graph-sync/index.js';
import { Kebechet } from './kebechet/index.js';
import { Mi } from './mi/index.js';
import { PackageExtract } from './package-extract/index.js';
import { Purge } from './purge/index.js';
import { Revsolver } from './revsolver/index.js';
import { SecurityIndicators } from './security-indicators/index.js';
import { Solver } from './solver/index.js';

/** What a chart hands a workflow component: its namespace's workflow-core and graph-sync, made when asked. */
interface Shared {
  readonly workflowCore: () => WorkflowCore;
  readonly graphSync: () => GraphSync;
}
type Build = (chart: ThothChart, props: WorkflowsComponentProps, shared: Shared) => unknown;

const resources = (request: [string, string], limit: [string, string]): Resources => ({
  requests: { cpu: request[0], memory: request[1] },
  limits: { cpu: limit[0], memory: limit[1] },
});
const STEP = resources(['250m', '256Mi'], ['1', '1Gi']);
const ADVISER = resources(['1', '1Gi'], ['2', '4Gi']);
const KEBECHET = resources(['250m', '512Mi'], ['1', '2Gi']);
const ANALYSER = resources(['250m', '512Mi'], ['1', '2Gi']);
const KANIKO = resources(['500m', '512Mi'], ['2', '4Gi']);

const thoth = (name: ThothImageName) => `quay.io/thoth-station/${name}:${THOTH_IMAGE_TAGS[name]}`;

/** A step the component's settings apply to: `<WorkflowTemplate>/<template>`, with its default image and resources. */
type Step = [template: string, image: string, resources: Resources];

const COMPONENTS: [ComponentName, Build, Step[]][] = [
  [
    'adviser',
    (chart, props, { workflowCore, graphSync }) => new Adviser(chart, 'adviser', { ...props, workflowCore: workflowCore(), graphSync: graphSync() }),
    [
      ['advise/advise', thoth('adviser'), ADVISER],
      ['provenance-check/provenance-check', thoth('adviser'), ADVISER],
    ],
  ],
  [
    'amun-inspection',
    (chart, props, { workflowCore, graphSync }) =>
      new AmunInspection(chart, 'amun-inspection', { ...props, workflowCore: workflowCore(), graphSync: graphSync() }),
    [
      ['inspection-build-template/build', 'gcr.io/kaniko-project/executor:v1.23.2', KANIKO],
      ['inspection-build-with-cpu-template/build', 'gcr.io/kaniko-project/executor:v1.23.2', KANIKO],
    ],
  ],
  [
    'kebechet',
    (chart, props, { workflowCore }) => new Kebechet(chart, 'kebechet', { ...props, workflowCore: workflowCore() }),
    [
      ['kebechet/kebechet', thoth('kebechet-job'), KEBECHET],
      ['kebechet-run-url/kebechet-run-url', thoth('kebechet-job'), KEBECHET],
    ],
  ],
  [
    'mi',
    (chart, props) => new Mi(chart, 'mi', props),
    [
      ['mi/analyse', thoth('mi'), resources(['250m', '512Mi'], ['1', '2Gi'])],
      ['mi-merge/merge', thoth('mi'), resources(['250m', '512Mi'], ['1', '2Gi'])],
    ],
  ],
  [
    'package-extract',
    (chart, props, { graphSync }) => new PackageExtract(chart, 'package-extract', { ...props, graphSync: graphSync() }),
    [['extract-packages/extract-packages', thoth('package-extract'), resources(['500m', '1Gi'], ['1', '4Gi'])]],
  ],
  [
    'purge',
    (chart, props, { workflowCore }) => new Purge(chart, 'purge', { ...props, workflowCore: workflowCore() }),
    [['purge/purge-job', thoth('purge-job'), STEP]],
  ],
  [
    'revsolver',
    (chart, props, { graphSync }) => new Revsolver(chart, 'revsolver', { ...props, graphSync: graphSync() }),
    [['revsolve/revsolve', thoth('revsolver'), resources(['250m', '512Mi'], ['1', '1Gi'])]],
  ],
  [
    'security-indicators',
    (chart, props, { workflowCore, graphSync }) =>
      new SecurityIndicators(chart, 'security-indicators', { ...props, workflowCore: workflowCore(), graphSync: graphSync() }),
    [
      ['bandit/bandit', thoth('si-bandit'), ANALYSER],
      ['bandit/bandit-from-dir', thoth('si-bandit'), ANALYSER],
      ['cloc/cloc', thoth('si-cloc'), ANALYSER],
      ['cloc/cloc-from-dir', thoth('si-cloc'), ANALYSER],
      ['aggregator/aggregator', thoth('si-aggregator'), STEP],
    ],
  ],
  [
    'solver',
    (chart, props, { workflowCore, graphSync }) => new Solver(chart, 'solver', { ...props, workflowCore: workflowCore(), graphSync: graphSync() }),
    [
      ['solver-any/solve', 'quay.io/thoth-station/{{inputs.parameters.THOTH_SOLVER_NAME}}:v1.15.0', resources(['500m', '512Mi'], ['1', '2Gi'])],
      ['solver-any/solve-res', 'quay.io/thoth-station/{{inputs.parameters.THOTH_SOLVER_NAME}}:v1.15.0', resources(['1', '1Gi'], ['2', '4Gi'])],
    ],
  ],
  [
    'graph-sync',
    (chart, props) => new GraphSyncConstruct(chart, 'graph-sync', props),
    [
      ['graph-sync/graph-sync', thoth('graph-sync-job'), STEP],
      ['graph-sync/graph-sync-not-local', thoth('graph-sync-job'), STEP],
    ],
  ],
];

interface Container {
  readonly image: string;
  readonly resources?: object;
  readonly env?: { name: string; value?: string }[];
}

/** Every WorkflowTemplate container the manifests hold, by `<WorkflowTemplate>/<template>`. */
function containers(manifests: readonly Manifest[]): Map<string, Container> {
  const templates = manifests.filter((m) => m.kind === 'WorkflowTemplate');
  return new Map(
    templates.flatMap((m) =>
      (m.spec as { templates: { name: string; container?: Container }[] }).templates.flatMap((t) =>
        t.container === undefined ? [] : [[`${m.metadata.name}/${t.name}`, t.container] as const],
      ),
    ),
  );
}

/** The component built in a chart of its own with the catalogue's props of the bare environment, and `given` on top. */
function render(name: ComponentName, build: Build, given: Partial<WorkflowsComponentProps> & { adviserImageTag?: string } = {}): Map<string, Container> {
  return containers(
    renderConstruct(bareEnvironment(), (chart) => {
      const props = { ...resolvedProps(chart.env, name), ...given };
      const context = new RenderContext(chart.env, TEST_IMAGE_TAGS);
      build(chart, props, { workflowCore: () => context.workflowCore(chart, props.namespace), graphSync: () => context.graphSync(chart, props.namespace) });
    }),
  );
}

const GIVEN = {
  imageTag: 'v9.9.9',
  resources: resources(['1m', '1Mi'], ['2m', '2Mi']),
  variables: { EXTRA: 'yes' },
};

describe.each(COMPONENTS)('%s', (name, build, steps) => {
  test('renders its documented defaults when the environment sets nothing', () => {
    const rendered = render(name, build);
    expect(steps.map(([template]) => [template, rendered.get(template)?.image, rendered.get(template)?.resources])).toEqual(steps);
  });

  test('runs imageTag, resources and variables given as props in exactly the steps they apply to', () => {
    const rendered = render(name, build, GIVEN);
    const tagged = [...rendered].filter(([, container]) => container.image.endsWith(':v9.9.9')).map(([template]) => template);
    expect(tagged.sort()).toEqual(steps.map(([template]) => template).sort());
    for (const [template, image] of steps) {
      const container = rendered.get(template)!;
      expect(container.image).toBe(image.replace(/:[^:]+$/, ':v9.9.9'));
      expect(container.resources).toEqual(GIVEN.resources);
      expect(container.env).toContainEqual({ name: 'EXTRA', value: 'yes' });
    }
  });
});

describe('amun-inspection dm', () => {
  const [, build] = COMPONENTS.find(([name]) => name === 'amun-inspection')!;

  test('runs the adviser image at adviserImageTag, by default the versions table’s', () => {
    expect(render('amun-inspection', build).get('dm/dm')?.image).toBe(thoth('adviser'));
    expect(render('amun-inspection', build, { adviserImageTag: 'v8.8.8' }).get('dm/dm')?.image).toBe('quay.io/thoth-station/adviser:v8.8.8');
  });

  test('is given the adviser’s imageTag by the catalogue', () => {
    const text = bareEnvironmentText().replace('components: {}\n', 'components:\n  adviser: { imageTag: v8.8.8 }\n');
    const env = parseEnvironment(THOTH, 'unit', 'unit.yaml', text);
    const dm = containers(manifestsOf(renderEnvironment(THOTH, env, TEST_IMAGE_TAGS))).get('dm/dm');
    expect(dm?.image).toBe('quay.io/thoth-station/adviser:v8.8.8');
  });
});
