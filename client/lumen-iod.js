#!/usr/bin/env node
// The `lumen-iod` bin: runs the TypeScript CLI without a build step (tsx is a runtime dependency).
require('tsx/cjs');
require('./cli.ts');
