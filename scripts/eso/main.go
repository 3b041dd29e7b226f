// The External Secrets Operator's own controller command (cmd/controller, as its main.go
// runs it), unchanged.
package main

import "github.com/external-secrets/external-secrets/cmd/controller"

func main() {
	controller.Execute()
}
