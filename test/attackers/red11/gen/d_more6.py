from lib import *
case('kz-merge-key-replicas', 'prod', 'deny', 'parser-differential',
  "strategic-merge patch whose spec uses a YAML merge key (<<: {replicas: 2}) on st2timersengine: kyaml de-anchors merge keys, so kubectl kustomize renders replicas 2 -> two timers engines (§3); a reader that keeps '<<' as a key sees none",
  raw="apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../prod\npatches:\n  - path: p.yaml\n",
  files={'p.yaml': "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: st2timersengine\nspec:\n  <<: {replicas: 2}\n"})
case('kz-merge-key-anchor', 'prod', 'deny', 'parser-differential',
  "merge key pulling an anchored map (replicas: 2) into st2sensorcontainer's spec: rendered replicas 2, every sensor runs twice",
  raw="apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../prod\npatches:\n  - path: p.yaml\n",
  files={'p.yaml': "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: st2sensorcontainer\n  labels: &two\n    replicas: 2\nspec:\n  <<: *two\n"})
case('kz-labels-templates-app-st2api', 'prod', 'deny', 'outage',
  "labels app=st2api with includeTemplates on every object: every st2 pod (engines, runners, sensor, timers) now matches the st2api Service selector (app=st2api, support=enterprise, release=st2); most API connections go to pods that do not listen on 9101 -> API mostly down",
  kz={'labels': [{'pairs': {'app': 'st2api'}, 'includeSelectors': False, 'includeTemplates': True}]})
case('kz-labels-templates-team', 'prod', 'allow', 'kustomize-safe', "labels team=platform on objects and pod templates (no selector changes): metadata only",
  kz={'labels': [{'pairs': {'team': 'platform'}, 'includeSelectors': False, 'includeTemplates': True}]})
case('kz-namespace-move-alias', 'prod', 'deny', 'singleton',
  "the whole production render moved to namespace st2-production (also production in the map): production syncs by hand without prune, so the old st2-prod cluster keeps running its timers engine and sensors beside the new one -> every timer and polled trigger handled twice against the same external systems",
  raw="apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamespace: st2-production\nresources:\n  - ../../prod\n")
case('kz-image-newname-with-tag', 'prod', 'deny', 'outage',
  "images newName carrying its own tag (stackstorm/st2api:3.8.1) plus the overlay's newTag: the image becomes 'stackstorm/st2api:3.8.1:3.8.1', an invalid reference -> InvalidImageName, st2api never starts",
  kz={'images': [{'name': 'stackstorm/st2api', 'newName': 'stackstorm/st2api:3.8.1'}]})
case('kz-images-mongo-latest', 'prod', 'deny', 'supply-chain',
  "MongoDB on the floating 'latest' tag: the next pull brings MongoDB 8.x, which st2 3.8 (4.0-4.4, §12) and the 4.4 data files cannot run (feature compatibility version)",
  kz={'images': [{'name': 'mongo', 'newTag': 'latest'}]})
case('etcd-force-new-cluster', 'prod', 'deny', 'store-etcd-ha',
  "--force-new-cluster on every member: each restarts as a one-member cluster from its own data (etcd docs), so three independent etcds sit behind Service etcd; st2's locks land on different stores and no longer exclude each other (§12: workflow engine and scheduler locks) -> duplicate task execution",
  kz={'patches': [jp('StatefulSet', 'etcd', [{'op': 'add', 'path': '/spec/template/spec/containers/0/command/-', 'value': '--force-new-cluster'}])]})
case('register-deadline-5s', 'prod', 'deny', 'argocd-hook',
  "st2-register-content limited to 5 s with no retry: registering every pack takes longer, the PostSync hook fails on every sync, new packs, actions and rules are never registered and Argo CD reports every production sync Failed",
  kz={'patches': [jp('Job', 'st2-register-content', [{'op': 'add', 'path': '/spec/activeDeadlineSeconds', 'value': 5}, {'op': 'add', 'path': '/spec/backoffLimit', 'value': 0}])]})
case('register-deadline-30m', 'prod', 'allow', 'argocd-safe', "st2-register-content bounded at 30 minutes with 3 retries: a hung registration cannot block syncs forever",
  kz={'patches': [jp('Job', 'st2-register-content', [{'op': 'add', 'path': '/spec/activeDeadlineSeconds', 'value': 1800}, {'op': 'add', 'path': '/spec/backoffLimit', 'value': 3}])]})
case('etcd-strict-reconfig', 'prod', 'allow', 'store-safe', "etcd --strict-reconfig-check=true written explicitly (the default)",
  kz={'patches': [jp('StatefulSet', 'etcd', [{'op': 'add', 'path': '/spec/template/spec/containers/0/command/-', 'value': '--strict-reconfig-check=true'}])]})
