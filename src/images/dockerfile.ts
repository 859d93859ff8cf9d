/**
 * The Dockerfile of a job program's image. It is built from the repository root, so that the image
 * holds exactly the sources its tag was derived from: a build stage installs the locked runtime
 * dependencies and bundles the entry point with scripts/build-job.mjs (the same script the tests
 * and benchmarks run), and the runtime stage is a distroless Node.js image that holds only the
 * bundle and runs as a non-root user.
 */
import type { JobProgram } from './programs.js';

/** The build stage's Node.js, the version the tests run on. */
export const BUILD_IMAGE = 'docker.io/library/node:20.20.2-bookworm-slim';
/** No shell, no package manager; `nonroot` is uid 65532. */
export const RUNTIME_IMAGE = 'gcr.io/distroless/nodejs20-debian12:nonroot';
export const BUNDLE = '/app/main.mjs';
/** Where the runtime image keeps Node.js. */
export const NODE = '/nodejs/bin/node';

/** The Dockerfile without its tag: what the tag is derived from, together with the sources. */
export function dockerfileTemplate(program: JobProgram): string {
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
    `FROM ${RUNTIME_IMAGE}`,
    'COPY --from=build /out/ /app/',
    'ENV NODE_ENV=production THOTH_SERVICE_VERSION=${TAG}',
    'USER 65532:65532',
    `ENTRYPOINT ["${NODE}", "${BUNDLE}"]`,
    '',
  ].join('\n');
}

export function dockerfile(program: JobProgram, tag: string): string {
  return dockerfileTemplate(program).replace('${TAG}', tag);
}
