// Command etcd is etcd 3.5 (scripts/etcd-v2/go.mod), the version our overlays run for st2's
// coordination backend, built by scripts/install-etcd-v2.sh so test/cluster can check its v2
// API and probe paths against the real server.
package main

import (
	"os"

	"go.etcd.io/etcd/server/v3/etcdmain"
)

func main() {
	etcdmain.Main(os.Args)
}
