import { parseAllDocuments } from 'yaml';

/** A rendered Kubernetes object, as far as the checks read it generically. */
export interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

/** Every object of a multi-document YAML stream (helm's output); empty documents are left out. */
export function parseManifests(text: string): K8sObject[] {
  return parseAllDocuments(text)
    .map((document) => {
      if (document.errors.length > 0) throw new Error(`invalid YAML: ${document.errors.map((error) => error.message).join('; ')}`);
      return document.toJS() as K8sObject | null;
    })
    .filter((object): object is K8sObject => object !== null);
}

export const describeObject = (object: K8sObject) => `${object.kind}/${object.metadata.name}`;
