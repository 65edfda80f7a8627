// TypeScript tests for code-injection.yaml.
import * as vm from 'node:vm';

export function run(input: string, ctx: vm.Context): unknown {
  // ruleid: js.code-injection.eval-non-literal
  const a: unknown = eval(input as string);
  // ok: js.code-injection.eval-non-literal
  const b: number = eval("2");
  // ruleid: js.code-injection.new-function
  const fn = new Function("x", input) as (x: number) => number;
  // ok: js.code-injection.new-function
  const id = new Function("x", "return x") as (x: number) => number;
  // ruleid: js.code-injection.vm-run
  vm.runInContext(input!, ctx);
  // ok: js.code-injection.vm-run
  vm.runInContext("1", ctx);
  // ruleid: js.code-injection.timer-string
  window.setTimeout("go()", 1 as number);
  // todoruleid: js.code-injection.timer-string
  setTimeout(<string>"go()", 1);
  // ok: js.code-injection.timer-string
  setTimeout((): void => undefined, 1);
  return [a, b, fn, id];
}
