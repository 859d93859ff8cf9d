#!/usr/bin/env node
// The thoth-gitops command: the CLI bundled from the sources by bin/bundle.js.
import { loadCli } from './bundle.js';

const { main } = await loadCli();
await main(process.argv.slice(2));
