#!/usr/bin/env node
// The `lumen-iod` bin: runs the built CLI in dist/. In a checkout (where scripts/ exists beside it) it first
// rebuilds dist/ when the sources are newer, so `npx lumen-iod` runs the code in front of you.
const { existsSync } = require('node:fs');
const path = require('node:path');

const checkoutBuild = path.join(__dirname, '..', 'scripts', 'build-when-stale.cjs');
if (existsSync(checkoutBuild)) require(checkoutBuild).buildWhenStale();
require('../dist/client/cli.js');
