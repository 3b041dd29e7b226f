// argocd-generate: our driver for Argo CD's own manifest generation. It reads one JSON
// request per line on stdin and answers one JSON line per request on stdout, calling
// reposerver/repository.GenerateManifests exactly as the repo-server's runManifestGen
// does after its git checkout: the plugin environment (ARGOCD_APP_*, KUBE_*,
// ARGOCD_ENV_*, PARAM_*), plugin choice by name or by discovery, the tarball stream to
// the cmp-server, the parsing of its output, and, for an Application without a plugin,
// Argo CD's built-in kustomize. The process stays up between requests, as a repo-server
// does, so a timing covers one generation and not Go's start-up.
package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"k8s.io/apimachinery/pkg/api/resource"

	"github.com/argoproj/argo-cd/v3/reposerver/apiclient"
	"github.com/argoproj/argo-cd/v3/reposerver/repository"
	"github.com/argoproj/argo-cd/v3/util/git"
	utilio "github.com/argoproj/argo-cd/v3/util/io"
)

type generateRequest struct {
	// RepoRoot is the checked-out repository (the repo-server's git work tree).
	RepoRoot string `json:"repoRoot"`
	// Revision is the resolved commit (ARGOCD_APP_REVISION).
	Revision string `json:"revision"`
	// Request is the repo-server's ManifestRequest as the controller sends it.
	Request *apiclient.ManifestRequest `json:"request"`
	// TarExclusions are the repo-server's --plugin-tar-exclude globs.
	TarExclusions []string `json:"tarExclusions"`
	// UseManifestGeneratePaths is the repo-server's --plugin-use-manifest-generate-paths.
	UseManifestGeneratePaths bool `json:"useManifestGeneratePaths"`
	// TimeoutSeconds is the controller's repo-server deadline (default 60, as Argo CD's).
	TimeoutSeconds int `json:"timeoutSeconds"`
}

type generateResponse struct {
	Manifests  []string `json:"manifests"`
	SourceType string   `json:"sourceType"`
	Error      string   `json:"error,omitempty"`
	// Ms is the wall time of GenerateManifests alone, in milliseconds.
	Ms float64 `json:"ms"`
}

func runGenerate(in io.Reader, out io.Writer, args []string) int {
	if len(args) > 0 {
		fmt.Fprintln(os.Stderr, "argocd-generate: no arguments; write JSON requests on stdin, one per line")
		return 2
	}
	// The repo-server's default --max-combined-directory-manifests-size.
	maxCombined := resource.MustParse("10M")
	tempPaths := utilio.NewRandomizedTempPaths(os.TempDir())
	scanner := bufio.NewScanner(in)
	scanner.Buffer(make([]byte, 1<<20), 16<<20)
	encoder := json.NewEncoder(out)
	for scanner.Scan() {
		line := strings.TrimSpace(scanner.Text())
		if line == "" {
			continue
		}
		var resp generateResponse
		var req generateRequest
		if err := json.Unmarshal([]byte(line), &req); err != nil {
			resp.Error = "argocd-generate: bad request: " + err.Error()
		} else {
			resp = generateOne(req, maxCombined, tempPaths)
		}
		if resp.Manifests == nil {
			resp.Manifests = []string{}
		}
		if err := encoder.Encode(resp); err != nil {
			fmt.Fprintln(os.Stderr, "argocd-generate:", err)
			return 1
		}
	}
	if err := scanner.Err(); err != nil {
		fmt.Fprintln(os.Stderr, "argocd-generate:", err)
		return 1
	}
	return 0
}

func generateOne(req generateRequest, maxCombined resource.Quantity, tempPaths utilio.TempPaths) generateResponse {
	q := req.Request
	if q == nil || q.ApplicationSource == nil || q.Repo == nil || req.RepoRoot == "" {
		return generateResponse{Error: "argocd-generate: request needs repoRoot, request.repo and request.applicationSource"}
	}
	root, err := filepath.Abs(req.RepoRoot)
	if err != nil {
		return generateResponse{Error: err.Error()}
	}
	// As the repo-server resolves the app path inside its checkout (utilio.Path).
	appPath := filepath.Join(root, q.ApplicationSource.Path)
	if rel, err := filepath.Rel(root, appPath); err != nil || strings.HasPrefix(rel, "..") {
		return generateResponse{Error: fmt.Sprintf("argocd-generate: app path %q leaves the repository", q.ApplicationSource.Path)}
	}
	timeout := req.TimeoutSeconds
	if timeout <= 0 {
		timeout = 60
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Duration(timeout)*time.Second)
	defer cancel()
	// The repo-server hands a channel the sender signals when the tarball is done (it
	// unlocks the git checkout); drain it the same way.
	tarDone := make(chan bool, 4)
	start := time.Now()
	res, err := repository.GenerateManifests(ctx, appPath, root, req.Revision, q, false, git.NoopCredsStore{}, maxCombined, tempPaths,
		repository.WithCMPTarDoneChannel(tarDone),
		repository.WithCMPTarExcludedGlobs(req.TarExclusions),
		repository.WithCMPUseManifestGeneratePaths(req.UseManifestGeneratePaths))
	ms := float64(time.Since(start).Microseconds()) / 1000
	if err != nil {
		return generateResponse{Error: err.Error(), Ms: ms}
	}
	return generateResponse{Manifests: res.Manifests, SourceType: res.SourceType, Ms: ms}
}
