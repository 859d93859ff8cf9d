/**
 * The Dockerfile of a job program's image. It is built from the repository root, so that the image
 * holds exactly the sources its tag was derived from: a build stage installs the locked runtime
 * dependencies and bundles the entry point with scripts/build-job.mjs (the same script the tests
 * and benchmarks run), and the runtime stage is a distroless Node.js image that holds only the
 * bundle and runs as a non-root user.
 */
import type { JobProgram } from './programs.js';

/*
 * Node.js 26 'Lithium': LTS since 2026-10-28, supported until 2029-04-30 (Node.js 20 reached its end
 * of life on 2026-04-30). Both stages are Debian 13: distroless builds its Node.js images on Debian 13
 * only since February 2026. Change the two together, with the Node.js the tests run on.
 *
 * Not pinned by digest yet: the tags were checked against the projects' release records, not the
 * registries. To pin, append each image index's digest (`docker buildx imagetools inspect <image>`
 * or `crane digest <image>`) as `<image>@sha256:<digest>`; like any change here, it makes new tags.
 */
/** The build stage's Node.js, the release line of the runtime image. */
export const BUILD_IMAGE = 'docker.io/library/node:26.13.1-trixie-slim';
/** No shell, no package manager; `nonroot` is uid 65532. Its tags name no Node.js release: a digest is the only finer pin. */
export const RUNTIME_IMAGE = 'gcr.io/distroless/nodejs26-debian13:nonroot';
/** The runtime of a program that runs a tool besides Node.js: the build stage's image, Debian 13 with Node.js in /usr/local/bin. */
export const TOOLS_RUNTIME_IMAGE = BUILD_IMAGE;
export const BUNDLE = '/app/main.mjs';
/** Where the runtime image keeps Node.js. */
export const NODE = '/nodejs/bin/node';

/** The Dockerfile without its tag: what the tag is derived from, together with the sources. */
export function dockerfileTemplate(program: JobProgram): string {
  const runtime = runtimeStage(program);
  return [
    `# The ${program.image} image: ${program.description}.`,
    '# Rendered by thoth-gitops from src/images/. Edit the code, not this file.',
    `# Build from the repository root: docker build -f generated/images/${program.image}/Dockerfile .`,
    `FROM ${BUILD_IMAGE} AS build`,
    'WORKDIR /src',
    'COPY package.json package-lock.json ./',
    'RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund',
    'COPY scripts/build-job.mjs scripts/',
    'COPY src/ src/',
    'COPY components/ components/',
    `RUN node scripts/build-job.mjs ${program.entry} /out/main.mjs`,
    '',
    ...runtime.from,
    'COPY --from=build /out/ /app/',
    'ENV NODE_ENV=production THOTH_SERVICE_VERSION=${TAG}',
    `USER ${runtime.user}`,
    `ENTRYPOINT ["${NODE}", "${BUNDLE}"]`,
    '',
  ].join('\n');
}

/**
 * The runtime stage up to the program: distroless, or for a program that runs PostgreSQL's client
 * tools, Debian with those of its major version from the PostgreSQL project's repository (Debian 13
 * ships only 17's), first on PATH, and Node.js where distroless has it, so that every image starts
 * its program alike (PROGRAM_ENTRYPOINT).
 */
function runtimeStage(program: JobProgram): { readonly from: readonly string[]; readonly user: string } {
  if (program.postgresClient === undefined) return { from: [`FROM ${RUNTIME_IMAGE}`], user: '65532:65532' };
  const major = program.postgresClient;
  const from = [
    `FROM ${TOOLS_RUNTIME_IMAGE}`,
    'RUN apt-get update \\',
    '  && apt-get install -y --no-install-recommends ca-certificates postgresql-common \\',
    '  && /usr/share/postgresql-common/pgdg/apt.postgresql.org.sh -y \\',
    `  && apt-get install -y --no-install-recommends postgresql-client-${major} \\`,
    '  && rm -rf /var/lib/apt/lists/* \\',
    `  && mkdir -p ${NODE.slice(0, NODE.lastIndexOf('/'))} && ln -s /usr/local/bin/node ${NODE}`,
    `ENV PATH=/usr/lib/postgresql/${major}/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`,
  ];
  // The node image's unprivileged user.
  return { from, user: '1000:1000' };
}

export function dockerfile(program: JobProgram, tag: string): string {
  return dockerfileTemplate(program).replace('${TAG}', tag);
}
