/** `npm run k8s:render`: writes k8s/manifests/trace-arcade.yaml from the chart. */
import { writeFileSync } from 'node:fs';
import { findHelm, Helm } from './helm.js';
import { RENDERED_MANIFESTS, renderManifests, renderedManifestsPath } from './rendered-manifests.js';

const bin = findHelm();
if (!bin) {
  console.error('k8s:render: helm not found (HELM_BIN, PATH, $GOPATH/bin, ~/go/bin); run k8s/checks/install-helm.sh');
  process.exit(1);
}
writeFileSync(renderedManifestsPath(), renderManifests(new Helm(bin)));
console.log(`wrote ${RENDERED_MANIFESTS}`);
