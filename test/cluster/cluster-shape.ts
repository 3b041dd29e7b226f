/**
 * What the StackStorm HA cluster must look like in each environment: the component names,
 * the label sets the chart's docs select on, and the replica count of every workload.
 */

/** The 12 st2 backend Deployments (`tier: backend`), st2client and st2scheduler included. */
export const st2BackendDeployments: readonly string[] = [
  'st2actionrunner',
  'st2api',
  'st2auth',
  'st2client',
  'st2garbagecollector',
  'st2notifier',
  'st2rulesengine',
  'st2scheduler',
  'st2sensorcontainer',
  'st2stream',
  'st2timersengine',
  'st2workflowengine',
];

/** Every long-running workload of the cluster, by name (st2web is the frontend). */
export const clusterWorkloads: readonly string[] = [...st2BackendDeployments, 'st2web', 'mongodb', 'rabbitmq', 'etcd'];

/** The hook Jobs, which run after each sync and are not part of the pod count. */
export const hookJobs: readonly string[] = ['st2-apply-rbac-definitions', 'st2-register-content'];

/** Active-active services: at least 2 replicas wherever availability matters. */
export const activeActiveServices: readonly string[] = [
  'st2web',
  'st2auth',
  'st2api',
  'st2stream',
  'st2rulesengine',
  'st2workflowengine',
  'st2scheduler',
  'st2notifier',
  'st2actionrunner',
];

/** Singletons: one replica in every environment (duplicate timers, sensors; utility pods). */
export const singletons: readonly string[] = [
  'st2timersengine',
  'st2sensorcontainer',
  'st2garbagecollector',
  'st2client',
];

/** The chart's default replicas (`helm install` with no values). */
export const chartDefaultReplicas: Readonly<Record<string, number>> = {
  st2web: 2,
  st2auth: 2,
  st2api: 2,
  st2stream: 2,
  st2rulesengine: 2,
  st2timersengine: 1,
  st2workflowengine: 2,
  // Not in the seed chart (it predates st2 2.10); the community chart's default.
  st2scheduler: 2,
  st2notifier: 2,
  st2sensorcontainer: 1,
  st2actionrunner: 5,
  st2garbagecollector: 1,
  st2client: 1,
  mongodb: 3,
  rabbitmq: 3,
  etcd: 1,
};

/** Expected replicas per overlay directory. */
export const expectedReplicas: Readonly<Record<string, Readonly<Record<string, number>>>> = {
  'overlays/dev': chartDefaultReplicas,
  'overlays/staging': { ...chartDefaultReplicas, st2actionrunner: 3, etcd: 3 },
  'overlays/prod': {
    ...chartDefaultReplicas,
    st2web: 3,
    st2auth: 3,
    st2api: 3,
    st2stream: 3,
    st2rulesengine: 3,
    st2workflowengine: 3,
    st2scheduler: 3,
    st2actionrunner: 8,
    etcd: 3,
  },
};

export const allOverlays: readonly string[] = ['overlays/dev', 'overlays/staging', 'overlays/prod'];
export const hardenedOverlays: readonly string[] = ['overlays/staging', 'overlays/prod'];
