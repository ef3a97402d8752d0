{{/* Names, labels and the pieces every workload shares. */}}

{{- define "trace-arcade.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The release's name prefix: the release name, or release-chart when the release name lacks the chart name. */}}
{{- define "trace-arcade.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
A component's object name: (dict "root" $ "component" "users") -> trace-arcade-users. A long release
name is cut, never the component, so that names stay distinct; at most 63 characters (a DNS label),
52 for the StatefulSets, whose pods get a controller-revision-hash label of the name, a dash and a
10-character hash (labels too stop at 63).
*/}}
{{- define "trace-arcade.componentName" -}}
{{- $max := ternary 52 63 (has .component (list "postgresql" "mongodb")) }}
{{- $prefix := include "trace-arcade.fullname" .root | trunc (int (sub $max (add1 (len .component)))) | trimSuffix "-" }}
{{- printf "%s-%s" $prefix .component }}
{{- end }}

{{- define "trace-arcade.selectorLabels" -}}
app.kubernetes.io/name: {{ include "trace-arcade.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "trace-arcade.labels" -}}
{{ include "trace-arcade.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/part-of: trace-arcade
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" }}
{{- end }}

{{/*
(dict "root" $ "image" .Values.users.image) -> [registry/]repository:tag[@digest], the tag defaulting
to the chart's appVersion. With a digest the runtime pulls exactly that image; the tag stays for people.
*/}}
{{- define "trace-arcade.image" -}}
{{- $image := .image }}
{{- $name := printf "%s:%s" $image.repository (default .root.Chart.AppVersion $image.tag) }}
{{- with $image.registry }}{{ $name = printf "%s/%s" . $name }}{{ end }}
{{- with $image.digest }}{{ $name = printf "%s@%s" $name . }}{{ end }}
{{- $name }}
{{- end }}

{{/* The pod spec's imagePullSecrets, when imagePullSecrets lists any. */}}
{{- define "trace-arcade.imagePullSecrets" -}}
{{- with .Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/*
A value the chart keeps in one of its Secrets: (dict "root" $ "secret" <name> "key" <key> "value" <given>
"length" <n, default 32>) -> the value given, else the one the release's Secret already holds (an
upgrade keeps it), else a new random one of letters and digits (safe in a URL). `helm template` sees
no Secret, so it makes a new one every time.
*/}}
{{- define "trace-arcade.secretValue" -}}
{{- $existing := (lookup "v1" "Secret" .root.Release.Namespace .secret).data | default dict }}
{{- .value | default (get $existing .key | default "" | b64dec) | default (randAlphaNum (.length | default 32 | int)) }}
{{- end }}

{{/* The in-cluster base URL of a component: (dict "root" $ "component" "users" "port" 4001) */}}
{{- define "trace-arcade.url" -}}
{{- printf "http://%s:%v" (include "trace-arcade.componentName" .) .port }}
{{- end }}

{{/* Pod Security Standard "restricted", pod level. The argument is the user and group id. */}}
{{- define "trace-arcade.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ . }}
runAsGroup: {{ . }}
fsGroup: {{ . }}
seccompProfile:
  type: RuntimeDefault
{{- end }}

{{/* Pod Security Standard "restricted", container level, with a read-only root filesystem. */}}
{{- define "trace-arcade.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop: [ALL]
{{- end }}

{{/*
The same for a container that `skaffold dev` syncs sources into (our Node services): under devSync
its root filesystem is writable, for the synced files and what the watchers compile from them.
*/}}
{{- define "trace-arcade.syncedContainerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: {{ not .Values.devSync.enabled }}
capabilities:
  drop: [ALL]
{{- end }}

{{/* Whether traces go to a Sentry project (a DSN in values or in your Secret). */}}
{{- define "trace-arcade.sentryProject" -}}
{{- if or .Values.sentry.dsn .Values.sentry.existingSecret }}true{{ end }}
{{- end }}

{{/*
The DSN the chart keeps in its Secret: the one in values, else (no Sentry project, Spotlight on)
one that points at Spotlight's envelope endpoint. The SDK propagates trace headers only when it has
a DSN: without one every service would report a trace of its own.
*/}}
{{- define "trace-arcade.chartDsn" -}}
{{- if and .Values.sentry.dsn .Values.sentry.existingSecret }}
{{- fail "sentry.dsn and sentry.existingSecret are both set: give the DSN or the name of your Secret, not both" }}
{{- end }}
{{- if .Values.sentry.dsn }}
{{- .Values.sentry.dsn }}
{{- else if and .Values.spotlight.enabled (not .Values.sentry.existingSecret) }}
{{- printf "http://spotlight@%s:%v/0" (include "trace-arcade.componentName" (dict "root" . "component" "spotlight")) .Values.spotlight.port }}
{{- end }}
{{- end }}

{{/* The Secret the services read SENTRY_DSN from, if any. */}}
{{- define "trace-arcade.sentrySecretName" -}}
{{- if .Values.sentry.existingSecret }}
{{- .Values.sentry.existingSecret }}
{{- else if include "trace-arcade.chartDsn" . }}
{{- include "trace-arcade.componentName" (dict "root" . "component" "sentry") }}
{{- end }}
{{- end }}

{{- define "trace-arcade.postgresSecretName" -}}
{{- default (include "trace-arcade.componentName" (dict "root" . "component" "postgresql")) .Values.postgresql.auth.existingSecret }}
{{- end }}

{{- define "trace-arcade.mongoSecretName" -}}
{{- default (include "trace-arcade.componentName" (dict "root" . "component" "mongodb")) .Values.mongodb.auth.existingSecret }}
{{- end }}

{{/*
The credential settings a service reads only at start, for a pod template annotation: a change to
them rolls the pods. Generated passwords are kept across upgrades, so they change nothing here.
*/}}
{{- define "trace-arcade.credentialsChecksum" -}}
{{- toJson (dict "postgresql" .Values.postgresql.auth "mongodb" .Values.mongodb.auth "internalApi" .Values.internalApi) | sha256sum }}
{{- end }}

{{/* scenarios.defaults as SCENARIO_DEFAULTS (name=mode pairs in name order), for the services that have scenarios; none when empty. */}}
{{- define "trace-arcade.scenarioEnv" -}}
{{- $pairs := list }}
{{- range $name, $mode := .Values.scenarios.defaults }}
{{- $pairs = append $pairs (printf "%s=%s" $name $mode) }}
{{- end }}
{{- with $pairs -}}
- name: SCENARIO_DEFAULTS
  value: {{ join "," . | quote }}
{{- end }}
{{- end }}

{{/* Tracing environment of the services that load Sentry's instrumentation. The DSN comes from a Secret only. */}}
{{- define "trace-arcade.tracingEnv" -}}
- name: SENTRY_TRACES_SAMPLE_RATE
  value: {{ .Values.tracing.sampleRate | toString | quote }}
- name: SENTRY_PROFILE_SESSION_SAMPLE_RATE
  value: {{ .Values.tracing.profileSessionSampleRate | toString | quote }}
- name: EVENT_LOOP_BLOCK_MS
  value: {{ .Values.tracing.eventLoopBlockMs | toString | quote }}
- name: HEAP_PROFILE_MB
  value: {{ .Values.tracing.heapProfileMb | toString | quote }}
- name: SENTRY_ENVIRONMENT
  value: {{ .Values.tracing.environment | quote }}
- name: SENTRY_RELEASE
  value: {{ default (printf "trace-arcade@%s" .Chart.AppVersion) .Values.tracing.release | quote }}
{{- with include "trace-arcade.sentrySecretName" . }}
- name: SENTRY_DSN
  valueFrom:
    secretKeyRef:
      name: {{ . }}
      key: {{ $.Values.sentry.secretKey }}
{{- end }}
{{- /* With a Sentry project, Spotlight gets a copy through its /stream. */}}
{{- if and .Values.spotlight.enabled (include "trace-arcade.sentryProject" .) }}
- name: SENTRY_SPOTLIGHT
  value: {{ printf "%s/stream" (include "trace-arcade.url" (dict "root" . "component" "spotlight" "port" .Values.spotlight.port)) | quote }}
{{- end }}
{{- end }}

{{/*
The standard variables of the OTLP trace exporter, when otlp.endpoint is set; the headers (an API
key, often) from a Secret of the user's only.
*/}}
{{- define "trace-arcade.otlpEnv" -}}
{{- with .Values.otlp.endpoint }}
- name: OTEL_EXPORTER_OTLP_ENDPOINT
  value: {{ . | quote }}
- name: OTEL_EXPORTER_OTLP_PROTOCOL
  value: {{ $.Values.otlp.protocol | quote }}
{{- with $.Values.otlp.headersSecret.name }}
- name: OTEL_EXPORTER_OTLP_HEADERS
  valueFrom:
    secretKeyRef:
      name: {{ . }}
      key: {{ $.Values.otlp.headersSecret.key }}
{{- end }}
{{- end }}
{{- end }}

{{/*
DATABASE_URL of one PostgreSQL database, as the application role (the owner of the databases, not
the superuser), the password from the Secret: (dict "root" $ "database" "trace_arcade_users")
*/}}
{{- define "trace-arcade.databaseEnv" -}}
{{- $auth := .root.Values.postgresql.auth -}}
- name: DATABASE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "trace-arcade.postgresSecretName" .root }}
      key: {{ $auth.appSecretKey }}
- name: DATABASE_URL
  value: {{ printf "postgres://%s:$(DATABASE_PASSWORD)@%s:5432/%s" $auth.appUser (include "trace-arcade.componentName" (dict "root" .root "component" "postgresql")) .database | quote }}
{{- end }}

{{/* MONGO_URL as the application user, who may read and write trace_arcade_analytics only; the password from the Secret. */}}
{{- define "trace-arcade.mongoEnv" -}}
{{- $auth := .Values.mongodb.auth -}}
- name: MONGO_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "trace-arcade.mongoSecretName" . }}
      key: {{ $auth.appSecretKey }}
- name: MONGO_URL
  value: {{ printf "mongodb://%s:$(MONGO_PASSWORD)@%s:27017/?authSource=trace_arcade_analytics" $auth.appUser (include "trace-arcade.componentName" (dict "root" . "component" "mongodb")) | quote }}
- name: MONGO_DATABASE
  value: trace_arcade_analytics
{{- end }}

{{/* Writable scratch space for a read-only root filesystem. */}}
{{- define "trace-arcade.tmpVolume" -}}
- name: tmp
  emptyDir:
    sizeLimit: 64Mi
{{- end }}

{{- define "trace-arcade.tmpVolumeMount" -}}
- name: tmp
  mountPath: /tmp
{{- end }}

{{- define "trace-arcade.internalApiSecretName" -}}
{{- .Values.internalApi.existingSecret | default (include "trace-arcade.componentName" (dict "root" . "component" "internal-api")) }}
{{- end }}

{{/*
The token the services share for their /internal/* routes, from the Secret. With "component" (a
service that serves those routes), also the Host names it answers them under: its Service's names.
*/}}
{{- define "trace-arcade.internalApiEnv" -}}
{{- $root := .root -}}
- name: INTERNAL_API_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ include "trace-arcade.internalApiSecretName" $root }}
      key: {{ $root.Values.internalApi.secretKey }}
{{- with .component }}
{{- $service := include "trace-arcade.componentName" (dict "root" $root "component" .) }}
- name: INTERNAL_ALLOWED_HOSTS
  value: {{ printf "%s,%s.%s.svc,%s.%s.svc.cluster.local" $service $service $root.Release.Namespace $service $root.Release.Namespace | quote }}
{{- end }}
{{- end }}

{{/*
The URLs the browser is given and the origins it opens the panel at. With the ingress on, they are
its hosts (http: the ingress has no TLS of its own); otherwise web.gatewayUrl, web.spotlightUrl and
gateway.corsOrigins, which name the local port-forwards by default.
*/}}
{{- define "trace-arcade.browserGatewayUrl" -}}
{{- if .Values.ingress.enabled }}{{ printf "http://%s" .Values.ingress.gatewayHost }}{{ else }}{{ .Values.web.gatewayUrl | trimSuffix "/" }}{{ end }}
{{- end }}

{{- define "trace-arcade.browserSpotlightUrl" -}}
{{- if .Values.ingress.enabled }}{{ printf "http://%s" .Values.ingress.spotlightHost }}{{ else }}{{ .Values.web.spotlightUrl }}{{ end }}
{{- end }}

{{- define "trace-arcade.corsOrigins" -}}
{{- $origins := .Values.gateway.corsOrigins }}
{{- if .Values.ingress.enabled }}{{ $origins = append $origins (printf "http://%s" .Values.ingress.webHost) }}{{ end }}
{{- join "," $origins }}
{{- end }}
