#!/usr/bin/env node
// The app of cdk8s.yaml, for `cdk8s synth`: every environment's charts synthesized by cdk8s into
// dist/<env>/, one file per chart. `thoth-gitops synth` stays what writes generated/.
import { loadCli } from './bundle.js';

const { synthCdk8sApp } = await loadCli();
process.exitCode = await synthCdk8sApp(process.cwd());
