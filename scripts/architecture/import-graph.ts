// The import graph of lib/, read from the sources, and the three rules it must keep: no chain of
// more than MAX_DEPTH imports (levels), no cycle, and nothing in lib/ reaching up into app/ or
// components/. Depth and cycles follow the imports that load code (dynamic `import()` included):
// an `import type` is erased when compiled, so it orders nothing at run time, and counting it would
// make the placement engine's shared types one long chain of their own. The layer rule counts
// `import type` too: lib/ must not know app/'s or components/' types either.
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export const MAX_DEPTH = 8;

const EXTENSIONS = ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.json'];
const UPPER_LAYERS = ['app/', 'components/'];

export type TImport = { to: string; typeOnly: boolean };

/** Repository-relative paths, `/`-separated: each lib/ file and what it imports inside the repository. */
export type TImportGraph = Map<string, TImport[]>;

export type TArchitectureReport = {
  modules: number;
  /** Number of imports in the longest chain, one per level: a module importing a leaf is 1 deep (a cycle counts as one module). */
  depth: number;
  longestChain: string[];
  cycles: string[][];
  upwardImports: { from: string; to: string }[];
  singleFileFolders: string[];
  ok: boolean;
  problems: string[];
};

function listSources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listSources(full));
    else if (/\.tsx?$/.test(entry.name)) out.push(full);
  }
  return out;
}

function resolveImport(root: string, fromFile: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith('@/')) base = path.join(root, specifier.slice(2));
  else if (specifier.startsWith('.')) base = path.resolve(path.dirname(fromFile), specifier);
  else return null;
  const candidates = [base, ...EXTENSIONS.map((ext) => base + ext), ...EXTENSIONS.map((ext) => path.join(base, 'index' + ext))];
  // A `.js` specifier may name a `.ts` source.
  if (/\.js$/.test(base)) candidates.push(base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx'));
  for (const candidate of candidates) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return path.relative(root, candidate).split(path.sep).join('/');
  }
  return null;
}

function isTypeOnly(node: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isExportDeclaration(node)) {
    if (node.isTypeOnly) return true;
    const clause = node.exportClause;
    return !!clause && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly);
  }
  const clause = node.importClause;
  if (!clause) return false;
  if (clause.isTypeOnly) return true;
  const bindings = clause.namedBindings;
  return !clause.name && !!bindings && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
}

function importsOf(file: string): { specifier: string; typeOnly: boolean }[] {
  const source = ts.createSourceFile(
    file,
    fs.readFileSync(file, 'utf8'),
    ts.ScriptTarget.Latest,
    false,
    file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const found: { specifier: string; typeOnly: boolean }[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push({ specifier: node.moduleSpecifier.text, typeOnly: isTypeOnly(node) });
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0] &&
      ts.isStringLiteral(node.arguments[0])
    ) {
      found.push({ specifier: node.arguments[0].text, typeOnly: false });
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push({ specifier: node.argument.literal.text, typeOnly: true });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Reads every .ts/.tsx file under `root/lib` and resolves its `@/…` and relative imports and re-exports. */
export function readImportGraph(root: string): TImportGraph {
  const graph: TImportGraph = new Map();
  for (const file of listSources(path.join(root, 'lib')).sort()) {
    const targets = new Map<string, boolean>();
    for (const { specifier, typeOnly } of importsOf(file)) {
      const to = resolveImport(root, file, specifier);
      if (to) targets.set(to, (targets.get(to) ?? true) && typeOnly);
    }
    const imports = [...targets].map(([to, typeOnly]) => ({ to, typeOnly })).sort((a, b) => a.to.localeCompare(b.to));
    graph.set(path.relative(root, file).split(path.sep).join('/'), imports);
  }
  return graph;
}

type TRuntimeGraph = Map<string, string[]>;

/** Tarjan's strongly connected components over the lib/ part of the graph. */
function stronglyConnected(graph: TRuntimeGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let next = 0;
  const visit = (node: string) => {
    index.set(node, next);
    low.set(node, next);
    next++;
    stack.push(node);
    onStack.add(node);
    for (const target of graph.get(node) ?? []) {
      if (!graph.has(target)) continue;
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (onStack.has(target)) low.set(node, Math.min(low.get(node)!, index.get(target)!));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      components.push(component.sort());
    }
  };
  for (const node of [...graph.keys()].sort()) if (!index.has(node)) visit(node);
  return components;
}

/** One cycle through the component's first module, found by a breadth-first walk back to it. */
function cycleThrough(graph: TRuntimeGraph, component: string[]): string[] {
  const members = new Set(component);
  const start = component[0];
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const target of graph.get(node) ?? []) {
      if (!members.has(target)) continue;
      if (target === start) {
        const cycle = [start];
        for (let at = node; at !== start; at = previous.get(at)!) cycle.splice(1, 0, at);
        return [...cycle, start];
      }
      if (!previous.has(target)) {
        previous.set(target, node);
        queue.push(target);
      }
    }
  }
  return component;
}

export function analyseImportGraph(imports: TImportGraph, maxDepth = MAX_DEPTH): TArchitectureReport {
  const graph: TRuntimeGraph = new Map([...imports].map(([from, targets]) => [from, targets.filter((t) => !t.typeOnly).map((t) => t.to)]));
  const components = stronglyConnected(graph);
  const componentOf = new Map<string, number>();
  components.forEach((members, i) => members.forEach((m) => componentOf.set(m, i)));
  const cycles = components
    .filter((members) => members.length > 1 || (graph.get(members[0]) ?? []).includes(members[0]))
    .map((members) => cycleThrough(graph, members));

  // Tarjan emits components in reverse topological order, so every component a module imports is done before it.
  const longest = new Map<number, string[]>();
  components.forEach((members, i) => {
    let best: string[] = [];
    for (const member of members) {
      for (const target of graph.get(member) ?? []) {
        const j = componentOf.get(target);
        if (j === undefined || j === i) continue;
        const chain = longest.get(j)!;
        if (chain.length > best.length) best = chain;
      }
    }
    longest.set(i, [members[0], ...best]);
  });
  let longestChain: string[] = [];
  for (const chain of longest.values()) if (chain.length > longestChain.length) longestChain = chain;

  const upwardImports = [...imports]
    .flatMap(([from, targets]) => targets.filter(({ to }) => UPPER_LAYERS.some((layer) => to.startsWith(layer))).map(({ to }) => ({ from, to })))
    .sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));

  const filesPerFolder = new Map<string, number>();
  for (const file of graph.keys()) {
    const folder = path.posix.dirname(file);
    filesPerFolder.set(folder, (filesPerFolder.get(folder) ?? 0) + 1);
  }
  const singleFileFolders = [...filesPerFolder]
    .filter(([, count]) => count === 1)
    .map(([folder]) => folder)
    .sort();

  const problems: string[] = [];
  const depth = Math.max(0, longestChain.length - 1);
  if (depth > maxDepth) problems.push(`import chain ${depth} levels deep, more than ${maxDepth}`);
  for (const cycle of cycles) problems.push(`import cycle: ${cycle.join(' → ')}`);
  for (const { from, to } of upwardImports) problems.push(`${from} imports ${to}: lib/ must not import app/ or components/`);

  return {
    modules: graph.size,
    depth,
    longestChain,
    cycles,
    upwardImports,
    singleFileFolders,
    ok: problems.length === 0,
    problems,
  };
}
