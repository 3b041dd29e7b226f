// Command smp-schema writes the part of kustomize's embedded Kubernetes
// OpenAPI schema that its strategic-merge walker reads (kyaml v0.18.1, the
// version kustomize v5.5.0 and kubectl v1.32.4 use): per definition, its
// properties, map values and list items, with x-kubernetes-patch-strategy and
// the merge keys (x-kubernetes-list-map-keys, else x-kubernetes-patch-merge-key),
// and the apiVersion+kind index of top-level types. Build time only: the
// renderer reads the committed JSON and needs no Go.
package main

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"

	"k8s.io/kube-openapi/pkg/validation/spec"
	"sigs.k8s.io/kustomize/kyaml/openapi"
)

const definitionsPrefix = "#/definitions/"

// encode describes a schema the way kyaml's ResourceSchema.Field / Elements /
// PatchStrategyAndKeyList see it. A reference becomes the definition's name;
// a schema with nothing the walker reads becomes 1.
func encode(s spec.Schema) interface{} {
	if ref := s.Ref.String(); ref != "" {
		return strings.TrimPrefix(ref, definitionsPrefix)
	}
	out := map[string]interface{}{}
	if len(s.Properties) > 0 {
		props := map[string]interface{}{}
		for name, p := range s.Properties {
			props[name] = encode(p)
		}
		out["p"] = props
	}
	if s.AdditionalProperties != nil && s.AdditionalProperties.Schema != nil {
		out["a"] = encode(*s.AdditionalProperties.Schema)
	}
	if len(s.Type) == 1 && s.Type[0] == "array" && s.Items != nil && s.Items.Schema != nil {
		out["i"] = encode(*s.Items.Schema)
	}
	rs := openapi.ResourceSchema{Schema: &s}
	if strategy, keys := rs.PatchStrategyAndKeyList(); strategy != "" {
		out["s"] = strategy
		if len(keys) > 0 {
			out["k"] = keys
		}
	}
	if len(out) == 0 {
		return 1
	}
	return out
}

func main() {
	root := openapi.Schema()
	definitions := map[string]interface{}{}
	types := map[string]string{}
	names := make([]string, 0, len(root.Definitions))
	for name := range root.Definitions {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		d := root.Definitions[name]
		definitions[name] = encode(d)
		gvks, ok := d.Extensions["x-kubernetes-group-version-kind"].([]interface{})
		if !ok {
			continue
		}
		for _, g := range gvks {
			m, ok := g.(map[string]interface{})
			if !ok {
				continue
			}
			apiVersion, _ := m["version"].(string)
			if group, _ := m["group"].(string); group != "" {
				apiVersion = group + "/" + apiVersion
			}
			kind, _ := m["kind"].(string)
			// kyaml indexes by TypeMeta; a later definition with the same one wins, as in its map.
			types[apiVersion+" "+kind] = name
		}
	}
	out, err := json.MarshalIndent(map[string]interface{}{
		"source":      "sigs.k8s.io/kustomize/kyaml v0.18.1 openapi, kubernetesapi " + openapi.GetSchemaVersion(),
		"types":       types,
		"definitions": definitions,
	}, "", " ")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	os.Stdout.Write(append(out, '\n'))
}
