# Builds the cluster's binaries from Go module sources through the module proxy, into a cache
# outside the repository keyed by component and version. Sourced by e2e/cluster.
# Nothing here is fetched from anywhere but the Go module proxy; nothing built is committed.

: "${ISTHMUS_CLUSTER_CACHE:=/var/cache/isthmus-cluster}"
KUBERNETES_VERSION="${KUBERNETES_VERSION:-1.34.4}"
ETCD_VERSION="${ETCD_VERSION:-3.6.16}"
ARGO_VERSION="${ARGO_VERSION:-3.7.18}"

bin_dir() { echo "$ISTHMUS_CLUSTER_CACHE/bin/$1-$2"; }

# A scratch module that requires $1@$2, with extra go.mod lines from stdin; builds the
# packages named after it into the cache, then marks the cache entry complete.
build_module() {
  local component="$1" version="$2" module="$3" ldflags="$4" tags="$5"
  shift 5
  local out
  out="$(bin_dir "$component" "$version")"
  # One build per cache entry at a time: a second process (another checkout's tests, CI) waits
  # for the first and then finds the entry complete. The lock goes with the subshell's end.
  mkdir -p "$ISTHMUS_CLUSTER_CACHE"
  local lock_fd
  exec {lock_fd}>"$ISTHMUS_CLUSTER_CACHE/.build-$component-$version.lock"
  flock "$lock_fd"
  if [[ -f "$out/.complete" ]]; then exec {lock_fd}>&-; cat >/dev/null; return 0; fi
  local src="$ISTHMUS_CLUSTER_CACHE/src/$component-$version"
  rm -rf "$src" "$out"
  mkdir -p "$src" "$out"
  {
    echo "module isthmus.dev/build/$component"
    echo
    echo "go 1.24"
    echo
    echo "require $module v$version"
    cat
  } >"$src/go.mod"
  local started=$SECONDS
  echo "building $component v$version (${*##*/}) into $out"
  (
    cd "$src"
    GOFLAGS=-mod=mod CGO_ENABLED=0 go build -trimpath -tags "$tags" -ldflags "$ldflags" -o "$out/" "$@"
  ) || { exec {lock_fd}>&-; echo "error: building $component v$version failed (see the go output above)" >&2; return 1; }
  echo "$((SECONDS - started))" >"$out/.build-seconds"
  touch "$out/.complete"
  exec {lock_fd}>&-
  echo "built $component v$version in $((SECONDS - started)) s"
}

build_etcd() {
  local out; out="$(bin_dir etcd "$ETCD_VERSION")"
  build_module etcd "$ETCD_VERSION" go.etcd.io/etcd/server/v3 "-s -w" "" \
    go.etcd.io/etcd/server/v3 </dev/null || return 1
  # The module's root package is the etcd binary; go names it after the path ("server").
  if [[ -f "$out/server" ]]; then mv "$out/server" "$out/etcd"; fi
}

# k8s.io/kubernetes requires its staging modules at v0.0.0; replace each with its v0.N.M tag.
build_kubernetes() {
  local v="$KUBERNETES_VERSION" minor
  minor="$(cut -d. -f2 <<<"$v")"
  local modfile
  modfile="$(cd /tmp && go mod download -json "k8s.io/kubernetes@v$v" | sed -n 's/.*"GoMod": "\(.*\)".*/\1/p')"
  [[ -f "$modfile" ]] || { echo "error: the module proxy did not serve k8s.io/kubernetes@v$v" >&2; return 1; }
  local pkg=k8s.io/component-base/version cg=k8s.io/client-go/pkg/version
  local date; date="$(date -u -d @0 +%Y-%m-%dT%H:%M:%SZ)"
  local ld="-s -w"
  for p in $pkg $cg; do
    ld+=" -X $p.gitVersion=v$v -X $p.gitMajor=1 -X $p.gitMinor=$minor -X $p.gitTreeState=clean -X $p.buildDate=$date"
  done
  sed -n 's#^\s*\(k8s.io/[a-z0-9-]*\) => ./staging/src/.*#replace \1 => \1 v0.'"$minor"'.'"${v##*.}"'#p' "$modfile" |
    build_module kubernetes "$v" k8s.io/kubernetes "$ld" "" \
      k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager \
      k8s.io/kubernetes/cmd/kube-scheduler k8s.io/kubernetes/cmd/kubelet \
      k8s.io/kubernetes/cmd/kube-proxy k8s.io/kubernetes/cmd/kubectl
}

# Argo's go.mod replaces olekukonko/tablewriter; a scratch module must repeat that replace. Its
# repository also holds symbolic links (workflow/executor/osspecific/signal_linux.go ->
# signal_darwin.go), which Go module zips leave out, so argoexec does not compile from the zip
# ("undefined: Setpgid"): the module is copied out of the module cache and the link restored.
build_argo() {
  local v="$ARGO_VERSION" modfile dir
  local info; info="$(cd /tmp && go mod download -json "github.com/argoproj/argo-workflows/v3@v$v")"
  modfile="$(sed -n 's/.*"GoMod": "\(.*\)".*/\1/p' <<<"$info")"
  dir="$(sed -n 's/.*"Dir": "\(.*\)".*/\1/p' <<<"$info")"
  [[ -f "$modfile" && -d "$dir" ]] || { echo "error: the module proxy did not serve argo-workflows v$v" >&2; return 1; }
  if [[ -f "$(bin_dir argo "$v")/.complete" ]]; then return 0; fi
  local copy="$ISTHMUS_CLUSTER_CACHE/src/argo-workflows-$v"
  if [[ ! -f "$copy/.complete" ]]; then
    rm -rf "$copy" && mkdir -p "$copy"
    cp -r "$dir/." "$copy/" && chmod -R u+w "$copy"
    ln -sfn signal_darwin.go "$copy/workflow/executor/osspecific/signal_linux.go"
    touch "$copy/.complete"
  fi
  local ld="-s -w -X github.com/argoproj/argo-workflows/v3.version=v$v"
  {
    sed -n 's#^replace \(.*\) => \(.*\) \(v[^ ]*\)$#replace \1 => \2 \3#p' "$modfile"
    echo "replace github.com/argoproj/argo-workflows/v3 => $copy"
  } | build_module argo "$v" github.com/argoproj/argo-workflows/v3 "$ld" "" \
      github.com/argoproj/argo-workflows/v3/cmd/workflow-controller github.com/argoproj/argo-workflows/v3/cmd/argoexec
}
