// Tests for code-injection.yaml (js.taint.code-injection), typed code.
import { NodeVM } from 'vm2';
import * as mathjs from 'mathjs';
import * as vscode from 'vscode';
import type { Request, Response } from 'express';

export function runUserFormula(req: Request, res: Response): void {
  const formula = req.query.f as string;
  // ruleid: js.taint.code-injection
  const value: number = mathjs.evaluate(formula) as number;
  const scale: number = Number(req.query.scale);
  // ok: js.taint.code-injection
  const scaled = mathjs.evaluate('x * 2', { x: scale });
  res.json({ value, scaled });
}

export async function loadFormatter(): Promise<unknown> {
  const name = vscode.workspace.getConfiguration('fmt').get<string>('module') ?? 'default';
  const vm: NodeVM = new NodeVM({ require: { external: true } });
  // ruleid: js.taint.code-injection
  vm.run(`require('${name}')`);
  // ok: js.taint.code-injection
  vm.run('module.exports = 1');
  // ruleid: js.taint.module-load
  return import(name);
}

export function fixedImport(): Promise<unknown> {
  // ok: js.taint.module-load
  return import('./formatters/default.js');
}
