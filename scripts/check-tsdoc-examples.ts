/**
 * Type-checks every `@example` code block written in TSDoc under `src/` against the package's source.
 *
 * Each ```ts block becomes a virtual module (never written to disk) that imports, by name, whatever it uses
 * from the package's public entries, from its own source file, and `Query`/`ID`/`Permission`/`Role` from
 * node-appwrite, `express` and `assert`; names an example uses without declaring (`db`, `orm`, `products`, ...) come from
 * `scripts/tsdoc-examples/prelude.ts`. All blocks are checked in one TypeScript program; each error is
 * reported at the source file and line of the example.
 *
 * Run: `npx tsx scripts/check-tsdoc-examples.ts` (part of `npm run typecheck`).
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const virtualDir = join(root, '.tsdoc-examples');
const prelude = join(root, 'scripts', 'tsdoc-examples', 'prelude.ts');
const publicEntries = ['src/server/index.ts', 'src/express/index.ts', 'src/testing/index.ts', 'src/testing/msw.ts'].map((file) => join(root, file));
const appwriteValues = ['Client', 'Query', 'ID', 'Permission', 'Role', 'TablesDB'];
const checkedFences = new Set(['ts', 'typescript']);

/** One example block: where it is in the source and the code it holds. */
interface Example {
  readonly source: string;
  readonly firstLine: number;
  readonly code: string;
  readonly indents: readonly number[];
  virtual: string;
  headerLines: number;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The ```ts blocks that follow an `@example` tag inside a `/** ... *\/` comment. */
function examplesIn(source: string): Example[] {
  const lines = readFileSync(source, 'utf8').split('\n');
  const examples: Example[] = [];
  let inExample = false;
  for (let i = 0; i < lines.length; i += 1) {
    const text = commentText(lines[i] ?? '');
    if (text === undefined) { inExample = false; continue; }
    if (/@example\b/.test(text.body)) { inExample = true; continue; }
    if (/^@\w/.test(text.body.trim())) { inExample = false; continue; }
    const fence = /^```\s*(\w*)\s*$/.exec(text.body.trim());
    if (!inExample || fence === null) continue;
    const start = i + 1;
    const code: string[] = [];
    const indents: number[] = [];
    for (i = start; i < lines.length; i += 1) {
      const inner = commentText(lines[i] ?? '');
      if (inner === undefined || inner.body.trim().startsWith('```')) break;
      code.push(inner.body);
      indents.push(inner.indent);
    }
    if (checkedFences.has(fence[1] ?? '')) examples.push({ source, firstLine: start + 1, code: code.join('\n'), indents, virtual: '', headerLines: 0 });
  }
  return examples;
}

/** The text of a JSDoc continuation line after ` * `, with the column where it starts; undefined off a comment. */
function commentText(line: string): { body: string; indent: number } | undefined {
  const match = /^(\s*\*(?!\/) ?)(.*)$/.exec(line);
  if (match === null) return undefined;
  return { body: match[2] ?? '', indent: (match[1] ?? '').length };
}

function exportedNames(program: ts.Program, file: string): Set<string> {
  const checker = program.getTypeChecker();
  const sourceFile = program.getSourceFile(file);
  const symbol = sourceFile === undefined ? undefined : checker.getSymbolAtLocation(sourceFile);
  return new Set(symbol === undefined ? [] : checker.getExportsOfModule(symbol).map((exported) => exported.name));
}

/** Per source file, the 1-based line spans (TSDoc included) of the declarations the public entries export. */
function publicDeclarationSpans(program: ts.Program): Map<string, [number, number][]> {
  const checker = program.getTypeChecker();
  const spans = new Map<string, [number, number][]>();
  for (const entry of publicEntries) {
    const sourceFile = program.getSourceFile(entry);
    const moduleSymbol = sourceFile === undefined ? undefined : checker.getSymbolAtLocation(sourceFile);
    if (moduleSymbol === undefined) continue;
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      for (const declaration of symbol.declarations ?? []) {
        const node = ts.isVariableDeclaration(declaration) ? declaration.parent.parent : declaration;
        const file = node.getSourceFile();
        const from = file.getLineAndCharacterOfPosition(node.getFullStart()).line + 1;
        const to = file.getLineAndCharacterOfPosition(node.end).line + 1;
        const path = resolve(file.fileName);
        spans.set(path, [...(spans.get(path) ?? []), [from, to]]);
      }
    }
  }
  return spans;
}

/** Top-level names the example declares itself (they win over any import). */
function declaredNames(code: string): Set<string> {
  const file = ts.createSourceFile('example.ts', code, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  const names = new Set<string>();
  const addBinding = (name: ts.BindingName): void => {
    if (ts.isIdentifier(name)) names.add(name.text);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) addBinding(element.name);
  };
  for (const statement of file.statements) {
    if (ts.isVariableStatement(statement)) for (const declaration of statement.declarationList.declarations) addBinding(declaration.name);
    else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement) || ts.isInterfaceDeclaration(statement) ||
      ts.isTypeAliasDeclaration(statement) || ts.isEnumDeclaration(statement)) && statement.name !== undefined) names.add(statement.name.text);
    else if (ts.isImportDeclaration(statement) && statement.importClause !== undefined) {
      const clause = statement.importClause;
      if (clause.name !== undefined) names.add(clause.name.text);
      const bindings = clause.namedBindings;
      if (bindings !== undefined && ts.isNamespaceImport(bindings)) names.add(bindings.name.text);
      if (bindings !== undefined && ts.isNamedImports(bindings)) for (const element of bindings.elements) names.add(element.name.text);
    }
  }
  return names;
}

function identifiersIn(code: string): Set<string> {
  return new Set(code.match(/[A-Za-z_$][\w$]*/g) ?? []);
}

function moduleSpecifier(from: string, to: string): string {
  const path = relative(dirname(from), to).replace(/\\/g, '/').replace(/\.ts$/, '.js');
  return path.startsWith('.') ? path : `./${path}`;
}

function main(): number {
  const started = performance.now();
  const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  if (config === undefined) throw new Error('tsconfig.json could not be read');
  const options: ts.CompilerOptions = { ...config.options, noEmit: true, noUnusedLocals: false, noUnusedParameters: false };
  const examples = sourceFiles(join(root, 'src')).flatMap(examplesIn);

  // A first, cheap program over the public entries and the example's own files gives the names to import.
  const sources = [...new Set(examples.map((example) => example.source))];
  const namesProgram = ts.createProgram([...publicEntries, ...sources], options);
  const publicNames = new Map<string, string>();
  for (const entry of publicEntries) for (const name of exportedNames(namesProgram, entry)) if (!publicNames.has(name)) publicNames.set(name, entry);
  const ownNames = new Map(sources.map((source) => [source, exportedNames(namesProgram, source)]));
  const publicSpans = publicDeclarationSpans(namesProgram);
  const checked = examples.filter((example) => (publicSpans.get(example.source) ?? []).some(([from, to]) => example.firstLine >= from && example.firstLine <= to));

  const virtualFiles = new Map<string, string>();
  checked.forEach((example, index) => {
    const virtual = join(virtualDir, `${relative(join(root, 'src'), example.source).replace(/[\\/]/g, '__')}__${example.firstLine}_${index}.mts`);
    const declared = declaredNames(example.code);
    const imports = new Map<string, string[]>();
    const defaults: string[] = [];
    const want = (name: string, module: string): void => { imports.set(module, [...(imports.get(module) ?? []), name]); };
    for (const name of identifiersIn(example.code)) {
      if (declared.has(name)) continue;
      const entry = publicNames.get(name);
      if (entry !== undefined) want(name, moduleSpecifier(virtual, entry));
      else if (ownNames.get(example.source)?.has(name) === true) want(name, moduleSpecifier(virtual, example.source));
      else if (appwriteValues.includes(name)) want(name, 'node-appwrite');
      else if (name === 'express' || name === 'assert') defaults.push(name);
    }
    const header = [...imports].map(([module, names]) => `import { ${names.join(', ')} } from '${module}';`);
    for (const name of defaults) header.push(name === 'express' ? `import express from 'express';` : `import ${name} from 'node:${name}';`);
    header.push('export {};');
    example.virtual = virtual;
    example.headerLines = header.length;
    virtualFiles.set(virtual, `${header.join('\n')}\n${example.code}\n`);
  });

  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (file) => virtualFiles.get(resolve(file)) ?? readFile(file);
  host.fileExists = (file) => virtualFiles.has(resolve(file)) || fileExists(file);
  host.getSourceFile = (file, language, onError, create) => {
    const text = virtualFiles.get(resolve(file));
    return text === undefined ? getSourceFile(file, language, onError, create) : ts.createSourceFile(file, text, language);
  };
  const program = ts.createProgram({ rootNames: [prelude, ...virtualFiles.keys()], options, host, oldProgram: namesProgram });

  const byVirtual = new Map(checked.map((example) => [example.virtual, example]));
  let errors = 0;
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    const example = diagnostic.file === undefined ? undefined : byVirtual.get(resolve(diagnostic.file.fileName));
    if (example === undefined || diagnostic.file === undefined || diagnostic.start === undefined) {
      // An error outside the examples (the prelude, or the source itself): `tsc --noEmit` reports the latter.
      if (diagnostic.file !== undefined && resolve(diagnostic.file.fileName) !== prelude) continue;
      errors += 1;
      const where = diagnostic.file === undefined || diagnostic.start === undefined ? undefined : diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
      const at = diagnostic.file === undefined ? '' : `${relative(root, diagnostic.file.fileName)}:${(where?.line ?? 0) + 1}:${(where?.character ?? 0) + 1} - `;
      console.error(`${at}error TS${diagnostic.code}: ${message}`);
      continue;
    }
    const position = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    const line = position.line - example.headerLines;
    const sourceLine = example.firstLine + Math.max(line, 0);
    const column = position.character + 1 + (example.indents[line] ?? 0);
    errors += 1;
    console.error(`${relative(root, example.source)}:${sourceLine}:${column} - error TS${diagnostic.code}: ${message}`);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`TSDoc examples: ${checked.length} on the public API checked in ${seconds} s, ${errors} error${errors === 1 ? '' : 's'}`);
  return errors === 0 ? 0 : 1;
}

process.exitCode = main();
