/** What deploy applies and waits for, read from each environment's rendering. */
import { rootApplicationName } from '../../src/synth/argocd-names.js';
import { bootstrapObjects, APPLICATION_HEALTH_KEY } from '../../src/deploy/bootstrap.js';
import { imagesOf } from '../../src/deploy/images.js';
import { planDeploy } from '../../src/deploy/plan.js';
import { listEnvironments } from '../../src/config/load.js';
import { SYNC_WAVE_ANNOTATION } from '../../src/platform/metadata.js';
import { loadedReal, manifestsOf, renderReal, REPO_ROOT, THOTH_ENVIRONMENTS } from '../helpers.js';

describe.each(await listEnvironments(REPO_ROOT))('%s', (name) => {
  let plan: ReturnType<typeof planDeploy>;
  let rendered: Awaited<ReturnType<typeof renderReal>>;
  beforeAll(async () => {
    const { env } = await loadedReal(name);
    rendered = await renderReal(name);
    plan = planDeploy(env, rendered);
  });

  test('the bootstrap is the health check, every AppProject, then the root Application, all in the Argo CD namespace', async () => {
    const { env } = await loadedReal(name);
    const objects = bootstrapObjects(plan);
    expect(objects[0]).toMatchObject({ kind: 'ConfigMap', metadata: { name: 'argocd-cm', namespace: env.argocd.namespace } });
    expect(Object.keys(objects[0]!.data as object)).toEqual([APPLICATION_HEALTH_KEY]);
    const projects = manifestsOf(rendered).filter((manifest) => manifest.kind === 'AppProject');
    expect(objects.slice(1, -1)).toEqual(projects);
    expect(objects.at(-1)).toMatchObject({ kind: 'Application', metadata: { name: rootApplicationName(env) } });
    for (const object of objects) expect(object.metadata.namespace).toBe(env.argocd.namespace);
  });

  test("the root Application syncs the Applications into Argo CD's own cluster; they deploy to the environment's", async () => {
    const { env } = await loadedReal(name);
    expect((plan.root.spec as { destination: unknown }).destination).toEqual({ server: 'https://kubernetes.default.svc', namespace: env.argocd.namespace });
    for (const application of plan.waves.flatMap((wave) => wave.applications)) {
      expect((application.spec as { destination: { server: string } }).destination.server).toBe(env.argocd.destinationServer);
    }
  });

  test('every other Application is waited for once, in the wave its annotation gives, waves ascending', () => {
    const children = manifestsOf(rendered).filter((manifest) => manifest.kind === 'Application' && manifest.metadata.name !== plan.root.name);
    const planned = plan.waves.flatMap(({ wave, applications }) => applications.map((application) => ({ ...application, wave })));
    expect(planned.map((application) => application.name).sort()).toEqual(children.map((child) => child.metadata.name).sort());
    for (const child of children) {
      expect(planned.find((application) => application.name === child.metadata.name)!.wave).toBe(
        Number(child.metadata.annotations?.[SYNC_WAVE_ANNOTATION] ?? 0),
      );
    }
    const waves = plan.waves.map(({ wave }) => wave);
    expect(waves).toEqual([...waves].sort((a, b) => a - b));
  });

  test('the kinds to find in discovery are every apiVersion/kind rendered, once, but those of API groups a chart Application installs; the app-of-apps’ apart, asked where Argo CD runs', async () => {
    const { env } = await loadedReal(name);
    const installed = (rendered.chartApplications ?? []).flatMap((chart) => chart.installsApiGroups ?? []);
    const kindsIn = (applications: typeof rendered.applications) =>
      [
        ...new Set(
          applications
            .flatMap((application) => application.objects.map((object) => object.manifest))
            .filter((manifest) => !installed.some((group) => manifest.apiVersion.startsWith(`${group}/`)))
            .map((manifest) => `${manifest.apiVersion} ${manifest.kind}`),
        ),
      ].sort();
    const show = (kinds: readonly { apiVersion: string; kind: string }[]) => kinds.map(({ apiVersion, kind }) => `${apiVersion} ${kind}`);
    expect(show(plan.argocdKinds)).toEqual(kindsIn(rendered.applications.filter((application) => application.name === 'argocd')));
    expect(show(plan.kinds)).toEqual(kindsIn(rendered.applications.filter((application) => application.name !== 'argocd')));
    expect(show(plan.argocdKinds)).toEqual(expect.arrayContaining(['argoproj.io/v1alpha1 AppProject', 'argoproj.io/v1alpha1 Application']));
    expect(plan.destinationServer).toBe(env.argocd.destinationServer);
  });

  test("a chart's Application is done at the chart's version, every other at the commit", () => {
    const planned = plan.waves.flatMap(({ applications }) => applications);
    for (const chart of rendered.chartApplications ?? []) {
      expect(planned.find((application) => application.name.endsWith(`-${chart.name}`))?.pinnedRevision).toBe(chart.chart.version);
    }
    const charts = (rendered.chartApplications ?? []).length;
    expect(planned.filter((application) => application.pinnedRevision === undefined)).toHaveLength(planned.length - charts);
  });

  test('the images to find are those of containers, init containers and workflow steps, including the job images', () => {
    const images = imagesOf(rendered);
    // The job images the environment runs (prod, for one, syncs no documents).
    const manifests = JSON.stringify(manifestsOf(rendered));
    const run = [...(rendered.jobImages ?? [])].filter(([image]) => manifests.includes(`/${image}:`));
    // Thoth's environments run this repository's job programs; Ryax's run none yet.
    if (THOTH_ENVIRONMENTS.includes(name)) expect(run.length).toBeGreaterThan(4);
    for (const [image, tag] of run) expect(images.some((reference) => reference.endsWith(`/${image}:${tag}`))).toBe(true);
    expect(images).toEqual([...new Set(images)].sort());
    expect(images.every((image) => image.length > 0)).toBe(true);
  });
});
