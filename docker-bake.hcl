# Every image of Trace Arcade, for linux/amd64 and linux/arm64, from the repository root:
#   docker buildx bake --push                      # REGISTRY=registry.example.com/team TAG=0.1.0
#   docker buildx bake --set '*.platform=linux/amd64' --load   # one platform, into the local image store
# A multi-platform build needs a builder that can emit both (docker buildx create --use, with QEMU or
# native nodes) and is pushed, not loaded. Image names and Dockerfiles are those of skaffold.yaml
# (k8s/checks compares the two); the chart takes REGISTRY as <component>.image.registry and TAG as
# <component>.image.tag, or the pushed digests as <component>.image.digest.

variable "REGISTRY" {
  default = ""
}

variable "TAG" {
  default = "0.1.0"
}

# Node's base image for every build; pin a digest for reproducible builds, e.g.
# NODE_IMAGE=node:22-bookworm-slim@sha256:<digest>.
variable "NODE_IMAGE" {
  default = "node:22-bookworm-slim"
}

group "default" {
  targets = ["gateway", "users", "game", "analytics", "payment-provider", "web", "spotlight", "loadgen"]
}

target "_common" {
  context   = "."
  platforms = ["linux/amd64", "linux/arm64"]
  contexts = {
    "node:22-bookworm-slim" = "docker-image://${NODE_IMAGE}"
  }
  # kind load cannot import provenance attestations (skaffold.yaml leaves them out the same way).
  attest = ["type=provenance,disabled=true"]
}

function "image" {
  params = [name]
  result = ["${REGISTRY == "" ? "" : "${REGISTRY}/"}trace-arcade/${name}:${TAG}"]
}

# The images built from <name>/Dockerfile.
target "app" {
  name       = app
  matrix     = { app = ["gateway", "payment-provider", "web", "loadgen"] }
  inherits   = ["_common"]
  dockerfile = "${app}/Dockerfile"
  tags       = image(app)
}

# The three subgraphs: one Dockerfile, its SERVICE build argument picks one; a target each.
target "subgraph" {
  name       = service
  matrix     = { service = ["users", "game", "analytics"] }
  inherits   = ["_common"]
  dockerfile = "subgraphs/Dockerfile"
  args       = { SERVICE = service }
  tags       = image(service)
}

target "spotlight" {
  inherits   = ["_common"]
  dockerfile = "stack/spotlight.Dockerfile"
  tags       = image("spotlight")
}
