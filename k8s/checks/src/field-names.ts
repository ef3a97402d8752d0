import path from 'node:path';
import ts from 'typescript';
import { describeObject, type K8sObject } from './manifests.js';
import { REPO_ROOT } from './repo.js';

/** kubernetes-models' module for an object: core v1 at `v1/Kind`, groups at `group/version/Kind`. */
const modelModule = (object: K8sObject) => `kubernetes-models/${object.apiVersion}/${object.kind}`;

/**
 * Unknown and misspelt field names, which the API's JSON schema lets through (it allows extra
 * properties) but which Kubernetes drops or rejects: every object becomes an object literal typed
 * with kubernetes-models' interface for its kind, and TypeScript's excess-property check names
 * each field that the API does not have. Returns one message per problem, empty when all is well.
 */
export function unknownFieldProblems(objects: readonly K8sObject[]): string[] {
  const fileName = path.join(REPO_ROOT, 'k8s', 'checks', 'rendered-objects.mts');
  const imports = objects.map((object, index) => `import type { I${object.kind} as T${index} } from '${modelModule(object)}';`);
  const owners: { firstLine: number; object: K8sObject }[] = [];
  const body: string[] = [];
  let line = imports.length;
  objects.forEach((object, index) => {
    const literal = `export const o${index}: T${index} = ${JSON.stringify(object, null, 1)};`;
    owners.push({ firstLine: line, object });
    body.push(literal);
    line += literal.split('\n').length;
  });
  const source = [...imports, ...body].join('\n');

  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    types: [],
    lib: ['lib.es2022.d.ts'],
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const readFile = host.readFile.bind(host);
  host.getSourceFile = (name, languageVersion, ...rest) =>
    name === fileName ? ts.createSourceFile(name, source, languageVersion, true) : getSourceFile(name, languageVersion, ...rest);
  host.fileExists = (name) => name === fileName || fileExists(name);
  host.readFile = (name) => (name === fileName ? source : readFile(name));

  const program = ts.createProgram([fileName], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((diagnostic) => diagnostic.file?.fileName === fileName && diagnostic.start !== undefined)
    .map((diagnostic) => {
      const at = diagnostic.file!.getLineAndCharacterOfPosition(diagnostic.start!).line;
      const owner = owners.findLast((candidate) => candidate.firstLine <= at);
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ');
      return owner ? `${describeObject(owner.object)}: ${message}` : message;
    });
}
