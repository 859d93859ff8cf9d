import { ADVISER_CONTRACT } from '../contracts/images/adviser.js';
import type { Environment } from '../shared/environment.js';
import { documentArtifact } from '../workflow-core/artifacts.js';
import { thothEnv } from '../shared/env.js';

/**
 * The adviser image's run script prepares the inputs, then starts the program: prepare.py reads the
 * request `<THOTH_DOCUMENT_ID>.request` from /mnt/workdir and writes the Pipfile, its lock and the
 * rest into THOTH_ADVISER_WORKDIR/input. The image keeps that script under /tmp, which the pod's
 * writable /tmp volume hides, so the container runs the same two steps itself.
 */
export const ADVISER_COMMAND = ADVISER_CONTRACT.entrypoint.alternatives[0];
/** Where the request is put and prepare.py writes the inputs (a writable volume). */
export const ADVISER_WORKDIR = '/mnt/workdir';
/** The inputs prepare.py extracts from a request. */
export const ADVISER_INPUT = `${ADVISER_WORKDIR}/input`;
/** Where the adviser writes its document, and where the output parsers read it. */
export const ADVISER_OUTPUT = '/mnt/output/document.json';
/** The directories an adviser step writes: the request and its inputs, and the document. */
export const ADVISER_WRITABLE_PATHS = [ADVISER_WORKDIR, '/mnt/output'];

export const ADVISER_RESOURCES = { requests: { cpu: '1', memory: '1Gi' }, limits: { cpu: '2', memory: '4Gi' } };

/** A user API's request document, where prepare.py opens it. */
export const adviserRequest = (env: Environment, area: string, id: string) =>
  documentArtifact(env, 'inputdocument', `${ADVISER_WORKDIR}/${id}.request`, area, `${id}.request`);

/** The adviser's document, stored under `area` by the id its step was given as `idParameter`. */
export const adviserOutput = (env: Environment, area: string, idParameter: string) =>
  documentArtifact(env, 'outputdocument', ADVISER_OUTPUT, area, `{{inputs.parameters.${idParameter}}}`);

/** What the adviser program reads in either mode: its workdir, the knowledge graph, the pushgateway. */
export const adviserEnv = (env: Environment, mode: 'advise' | 'provenance') =>
  thothEnv(env, ADVISER_CONTRACT, mode).literal('THOTH_ADVISER_WORKDIR', ADVISER_WORKDIR).knowledgeGraph().pushgateway().common();
