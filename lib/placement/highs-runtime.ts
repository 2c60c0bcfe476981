import loadHighs, { type Highs } from 'highs';

// HiGHS (WebAssembly) is loaded once per process: compiling the module takes ~0.1 s.
let runtime: Promise<Highs> | null = null;

export function highsRuntime(): Promise<Highs> {
  runtime ??= loadHighs();
  return runtime;
}
