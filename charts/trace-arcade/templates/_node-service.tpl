{{/*
One of our Node services: ServiceAccount + Service + Deployment, with the health probes, the
restricted security context, a writable /tmp and the shared telemetry environment. Adding a
component is a values block and a file that calls this:

  {{- include "trace-arcade.nodeService" (dict "root" $ "component" "users" "values" .Values.users "env" (include ...)) }}

"env" is the component's own environment as a YAML list (may be empty); "scenarios" true gives it
SCENARIO_DEFAULTS (the services whose code has scenarios); "tracing" false leaves out the Sentry
variables (a program that does not load the instrumentation); "otlp" true gives it the OTLP exporter's
variables when otlp.endpoint is set (the gateway and the subgraphs). Every one of them has a dev image
that `skaffold dev` syncs sources into, hence the synced security context.
*/}}
{{- define "trace-arcade.nodeService" -}}
{{- $root := .root }}
{{- $context := dict "root" $root "component" .component }}
{{- $name := include "trace-arcade.componentName" $context }}
{{- $serviceType := dig "service" "type" "ClusterIP" .values }}
{{- $nodePort := dig "service" "nodePort" nil .values }}
{{- $tracing := dig "tracing" true . }}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ $name }}
  labels:
    {{- include "trace-arcade.labels" $context | nindent 4 }}
automountServiceAccountToken: false
---
apiVersion: v1
kind: Service
metadata:
  name: {{ $name }}
  labels:
    {{- include "trace-arcade.labels" $context | nindent 4 }}
spec:
  type: {{ $serviceType }}
  selector:
    {{- include "trace-arcade.selectorLabels" $context | nindent 4 }}
  ports:
    - name: http
      port: {{ .values.port }}
      targetPort: http
      {{- if and (eq $serviceType "NodePort") $nodePort }}
      nodePort: {{ $nodePort }}
      {{- end }}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ $name }}
  labels:
    {{- include "trace-arcade.labels" $context | nindent 4 }}
spec:
  # Not `| default 1`: that would turn 0 (the schema allows it, to park a service) into 1.
  replicas: {{ .values.replicas }}
  selector:
    matchLabels:
      {{- include "trace-arcade.selectorLabels" $context | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "trace-arcade.labels" $context | nindent 8 }}
      annotations:
        # The services read the Sentry settings (the DSN, or the Secret that holds it) only at start:
        # a change to them rolls the pods, so `helm upgrade --set sentry.dsn=...` takes effect.
        checksum/sentry: {{ toJson $root.Values.sentry | sha256sum }}
        # The same for the credentials (database passwords, the internal API token): a new password or Secret rolls them.
        checksum/credentials: {{ include "trace-arcade.credentialsChecksum" $root }}
    spec:
      serviceAccountName: {{ $name }}
      automountServiceAccountToken: false
      {{- include "trace-arcade.imagePullSecrets" $root | nindent 6 }}
      # No <SERVICE>_PORT variables from Kubernetes: they could shadow our own configuration.
      enableServiceLinks: false
      securityContext:
        {{- include "trace-arcade.podSecurityContext" 1000 | nindent 8 }}
      containers:
        - name: {{ .component }}
          image: {{ include "trace-arcade.image" (dict "root" $root "image" .values.image) }}
          imagePullPolicy: {{ .values.image.pullPolicy }}
          ports:
            - name: http
              containerPort: {{ .values.port }}
          env:
            - name: HOST
              value: 0.0.0.0
            - name: PORT
              value: {{ .values.port | quote }}
            {{- with .env }}
            {{- . | nindent 12 }}
            {{- end }}
            - name: LOG_LEVEL
              value: {{ $root.Values.logLevel | quote }}
            {{- if $tracing }}
            {{- include "trace-arcade.tracingEnv" $root | nindent 12 }}
            {{- end }}
            {{- if .otlp }}
            {{- with include "trace-arcade.otlpEnv" $root }}
            {{- . | nindent 12 }}
            {{- end }}
            {{- end }}
            {{- if .scenarios }}
            {{- with include "trace-arcade.scenarioEnv" $root }}
            {{- . | nindent 12 }}
            {{- end }}
            {{- end }}
          # A service listens once its store answers and its migrations ran: up to 3 minutes on a first install.
          startupProbe:
            httpGet: { path: /health/live, port: http }
            periodSeconds: 2
            failureThreshold: 90
          livenessProbe:
            httpGet: { path: /health/live, port: http }
            periodSeconds: 10
            timeoutSeconds: 3
          readinessProbe:
            httpGet: { path: /health/ready, port: http }
            periodSeconds: 5
            timeoutSeconds: 3
          resources:
            {{- toYaml .values.resources | nindent 12 }}
          securityContext:
            {{- include "trace-arcade.syncedContainerSecurityContext" $root | nindent 12 }}
          volumeMounts:
            {{- include "trace-arcade.tmpVolumeMount" $root | nindent 12 }}
      volumes:
        {{- include "trace-arcade.tmpVolume" $root | nindent 8 }}
{{- end }}
