// Command etcd is the etcd server at the version k8s.io/kubernetes pins in its
// go.mod (see ../../go.mod), built by scripts/install-kube.sh for the
// kube-apiserver in test/support/kube-control-plane.ts.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() {
	etcdmain.Main(os.Args)
}
