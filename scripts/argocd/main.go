// One binary, Argo CD's own commands, dispatched on the name it is called by (as
// Argo CD's cmd/main.go does), so the three servers link once:
//
//	argocd-cmp-server, argocd-repo-server, argocd-application-controller: Argo CD v3.2.6's
//	  own cobra commands, unchanged;
//	argocd-generate: our test driver (generate.go), which calls the repo-server's
//	  reposerver/repository.GenerateManifests.
//
// scripts/install-argocd.sh builds it as .tools/bin/argocd-st2 and links the names.
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/spf13/cobra"

	appcontroller "github.com/argoproj/argo-cd/v3/cmd/argocd-application-controller/commands"
	cmpserver "github.com/argoproj/argo-cd/v3/cmd/argocd-cmp-server/commands"
	reposerver "github.com/argoproj/argo-cd/v3/cmd/argocd-repo-server/commands"
)

func main() {
	name := filepath.Base(os.Args[0])
	if v := os.Getenv("ARGOCD_BINARY_NAME"); v != "" {
		name = v
	}
	var command *cobra.Command
	switch name {
	case "argocd-cmp-server":
		command = cmpserver.NewCommand()
	case "argocd-repo-server":
		command = reposerver.NewCommand()
	case "argocd-application-controller":
		command = appcontroller.NewCommand()
	case "argocd-generate":
		os.Exit(runGenerate(os.Stdin, os.Stdout, os.Args[1:]))
	default:
		fmt.Fprintf(os.Stderr, "argocd-st2: called as %q; link it as argocd-cmp-server, argocd-repo-server, argocd-application-controller or argocd-generate\n", name)
		os.Exit(2)
	}
	if err := command.Execute(); err != nil {
		os.Exit(1)
	}
}
