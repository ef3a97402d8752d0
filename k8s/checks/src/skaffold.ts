import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { repoPath } from './repo.js';

export interface SkaffoldArtifact {
  image: string;
  context?: string;
  docker?: { dockerfile?: string; target?: string; buildArgs?: Record<string, string>; cliFlags?: string[] };
  sync?: { manual?: { src: string; dest: string; strip?: string }[] };
}

export interface SkaffoldRelease {
  name: string;
  chartPath: string;
  setValueTemplates?: Record<string, string>;
  setValues?: Record<string, string>;
  [field: string]: unknown;
}

export interface SkaffoldHelmFlags {
  global?: string[];
  install?: string[];
  upgrade?: string[];
}

export interface SkaffoldPipeline {
  build?: { artifacts?: SkaffoldArtifact[]; local?: { useBuildkit?: boolean } };
  manifests?: { helm?: { flags?: SkaffoldHelmFlags; releases?: SkaffoldRelease[] } };
  deploy?: Record<string, unknown>;
  portForward?: { resourceType: string; resourceName: string; port: number; localPort?: number }[];
}

export interface SkaffoldConfig extends SkaffoldPipeline {
  apiVersion: string;
  kind: string;
  profiles?: (SkaffoldPipeline & { name: string; activation?: Record<string, string>[]; patches?: unknown[] })[];
}

/** skaffold.yaml with its anchors and merge keys resolved, as skaffold's YAML reader does. */
export function loadSkaffold(): SkaffoldConfig {
  return parse(readFileSync(repoPath('skaffold.yaml'), 'utf8'), { merge: true }) as SkaffoldConfig;
}

/** The name skaffold gives an artifact in template variables: `/`, `-`, `.` and `:` become `_`. */
export function templateName(image: string): string {
  return image.replace(/[/\-.:]/g, '_');
}
