{{/* Name of the operator's objects: <release>-isthmus-operator, or isthmus-operator when the
release is called isthmus. */}}
{{- define "isthmus.fullname" -}}
{{- if eq .Release.Name "isthmus" -}}
isthmus-operator
{{- else -}}
{{- printf "%s-isthmus-operator" .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "isthmus.selectorLabels" -}}
app.kubernetes.io/name: isthmus-operator
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "isthmus.labels" -}}
{{ include "isthmus.selectorLabels" . }}
{{ include "isthmus.commonLabels" . }}
{{- end -}}

{{/* Labels of the worker service account, role, binding and claim (not the operator's). */}}
{{- define "isthmus.workerLabels" -}}
app.kubernetes.io/name: isthmus-worker
app.kubernetes.io/instance: {{ .Release.Name }}
{{ include "isthmus.commonLabels" . }}
{{- end -}}

{{- define "isthmus.commonLabels" -}}
app.kubernetes.io/part-of: isthmus
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "isthmus.operatorImage" -}}
{{ .Values.image.operator.repository }}:{{ .Values.image.operator.tag | default .Chart.AppVersion }}
{{- end -}}

{{- define "isthmus.workerImage" -}}
{{- $tag := .Values.image.workers.tag | default .Chart.AppVersion -}}
{{- if eq .Values.image.workers.flavor "cuda" -}}
{{ .Values.image.workers.repository }}:{{ $tag }}-cuda
{{- else if eq .Values.image.workers.flavor "cpu" -}}
{{ .Values.image.workers.repository }}:{{ $tag }}
{{- else -}}
{{ fail (printf "image.workers.flavor: expected cpu or cuda, got %q" .Values.image.workers.flavor) }}
{{- end -}}
{{- end -}}

{{/* Namespaces that get the worker service account, one per line. */}}
{{- define "isthmus.workerNamespaces" -}}
{{- $ns := .Values.workers.namespaces | default .Values.watchNamespaces | default (list .Release.Namespace) -}}
{{- range $ns }}
{{ . }}
{{- end -}}
{{- end -}}

{{/* Whether an optional object is rendered: true, false, or auto (the API is served). */}}
{{- define "isthmus.enabled" -}}
{{- $switch := toString .switch -}}
{{- if eq $switch "true" -}}
true
{{- else if eq $switch "auto" -}}
{{- if .root.Capabilities.APIVersions.Has .api -}}true{{- end -}}
{{- else if ne $switch "false" -}}
{{ fail (printf "%s: expected auto, true or false, got %q" .key $switch) }}
{{- end -}}
{{- end -}}

{{/* The restricted container security context every Isthmus container runs with. */}}
{{- define "isthmus.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
runAsNonRoot: true
runAsUser: 65532
runAsGroup: 65532
capabilities:
  drop: [ALL]
seccompProfile:
  type: RuntimeDefault
{{- end -}}
