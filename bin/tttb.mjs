#!/usr/bin/env node
// The `tttb` command: loads the TypeScript CLI through tsx, so `npx tttb` works in a clone without a build.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
