// Tests for code-injection.yaml: `ruleid:` lines must match, `ok:` lines must not.
const vm = require('vm');
const { runInThisContext } = require('node:vm');
import { compileFunction as compile, Script as VmScript } from 'node:vm';
import * as nodeVm from 'node:vm';

// Strings made only of constants count as literals (constant propagation).
const ADD = 'return a + b';
const BODY = 'return ' + 'a * b';
const WRAP = `"use strict"; ${ADD}`;

function evalCases(userCode, name, redis, script) {
  // ruleid: js.code-injection.eval-non-literal
  eval(userCode);
  // ruleid: js.code-injection.eval-non-literal
  window.eval("return " + name);
  // ruleid: js.code-injection.eval-non-literal
  (0, eval)(`${userCode}()`);
  // ruleid: js.code-injection.eval-non-literal
  globalThis.eval(...[userCode]);
  // ok: js.code-injection.eval-non-literal
  eval("1 + 1");
  // ok: js.code-injection.eval-non-literal
  eval(`plain template, no substitution`);
  // ok: js.code-injection.eval-non-literal
  redis.eval(script, 0);
  // ok: js.code-injection.eval-non-literal
  evaluate(userCode);
  // ok: js.code-injection.eval-non-literal
  eval(BODY);
  // ruleid: js.code-injection.eval-non-literal
  eval(BODY + userCode);
}

function functionCases(userCode, name) {
  // ruleid: js.code-injection.new-function
  const f = new Function("a", userCode);
  // ruleid: js.code-injection.new-function
  const g = Function(name);
  // ruleid: js.code-injection.new-function
  const h = new Function(`return ${name}`);
  // ok: js.code-injection.new-function
  const k = new Function("a", "b", "return a + b");
  // ok: js.code-injection.new-function
  const m = new MyFunction(userCode);
  // ok: js.code-injection.new-function
  const n = Function.prototype.call.bind(userCode);
  // ok: js.code-injection.new-function
  const p = new Function('a', 'b', ADD);
  // ok: js.code-injection.new-function
  const q = Function('a', 'b', BODY);
  // ok: js.code-injection.new-function
  const r = new Function('a', 'b', WRAP);
  const dyn = `return ${userCode}`;
  // ruleid: js.code-injection.new-function
  const t = new Function(dyn);
  return [f, g, h, k, m, n, p, q, r, t];
}

function vmCases(userCode, sandbox, ctx, script) {
  // ruleid: js.code-injection.vm-run
  vm.runInNewContext(userCode, sandbox);
  // ruleid: js.code-injection.vm-run
  require('vm').runInContext(userCode, ctx);
  // ruleid: js.code-injection.vm-run
  const s = new vm.Script(userCode);
  // ruleid: js.code-injection.vm-run
  runInThisContext("(" + userCode + ")");
  // ok: js.code-injection.vm-run
  vm.runInNewContext("1 + 2", sandbox);
  // ok: js.code-injection.vm-run
  sandboxLib.runInNewContext(userCode, sandbox);
  // ok: js.code-injection.vm-run
  script.runInNewContext(sandbox);
  // ok: js.code-injection.vm-run
  const t = new vm.Script("x = 1");
  // ruleid: js.code-injection.vm-run
  const fn = compile(userCode, ['a', 'b']);
  // ruleid: js.code-injection.vm-run
  const u = new VmScript(`(${userCode})`);
  // ruleid: js.code-injection.vm-run
  nodeVm.runInThisContext(userCode);
  // ok: js.code-injection.vm-run
  compile('return a + b', ['a', 'b']);
  return [s, t, fn, u];
}

function timerCases(poll, id) {
  // ruleid: js.code-injection.timer-string
  setTimeout("poll()", 1000);
  // ruleid: js.code-injection.timer-string
  window.setInterval("tick(" + id + ")", 50);
  // ruleid: js.code-injection.timer-string
  setTimeout(`refresh(${id})`, 10);
  // ok: js.code-injection.timer-string
  setTimeout(poll, 1000);
  // ok: js.code-injection.timer-string
  setInterval(() => poll(id), 50);
  // ok: js.code-injection.timer-string
  clock.setTimeout("label", 5);
}

module.exports = { evalCases, functionCases, vmCases, timerCases };
