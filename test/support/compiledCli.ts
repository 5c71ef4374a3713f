import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { REPO_ROOT } from './cliFromSources.js';

/** Where the test run's compiled command line lives (git-ignored, inside the checkout so the package root and node_modules resolve). */
const OUT_DIR = path.join(REPO_ROOT, '.zava-test', 'cli');

/**
 * The command line compiled once per test run, file by file (transpiled, not type
 * checked: npm test type-checks first). CLI tests start hundreds of processes;
 * from compiled JavaScript each one skips tsx's loader in the main thread and in
 * the PGlite worker, about 1.5 s of CPU on these machines. Returns the entry point.
 */
export function compileCliForTests(): string {
  const options = compilerOptions();
  rmSync(OUT_DIR, { recursive: true, force: true });
  for (const file of typeScriptFiles(path.join(REPO_ROOT, 'src'))) {
    const output = ts.transpileModule(readFileSync(file, 'utf8'), { compilerOptions: options, fileName: file }).outputText;
    const target = path.join(OUT_DIR, path.relative(REPO_ROOT, file)).replace(/\.ts$/, '.js');
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, output);
  }
  return path.join(OUT_DIR, 'src', 'cli', 'bin.js');
}

function compilerOptions(): ts.CompilerOptions {
  const configFile = path.join(REPO_ROOT, 'tsconfig.build.json');
  const parsed = ts.parseJsonConfigFileContent(ts.readConfigFile(configFile, (file) => ts.sys.readFile(file)).config, ts.sys, REPO_ROOT);
  // File by file there is no package.json to tell NodeNext the format: the package is ESM.
  return { ...parsed.options, module: ts.ModuleKind.ES2022, moduleResolution: ts.ModuleResolutionKind.Bundler, sourceMap: false, declaration: false, noEmit: false };
}

function typeScriptFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((entry) => {
    const file = path.join(directory, entry);
    if (statSync(file).isDirectory()) return typeScriptFiles(file);
    return entry.endsWith('.ts') && !entry.endsWith('.d.ts') ? [file] : [];
  });
}
