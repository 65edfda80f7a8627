#!/usr/bin/env node
const { execSync } = require('child_process');
const [, , target] = process.argv;
execSync(`rm -rf ${target}/build`, { stdio: 'inherit' });
