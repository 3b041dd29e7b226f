/** The Argo CD plugin edge's public surface. */
export { runCmp, CMP_USAGE } from './generate.js';
export { readCmpOptions, resolveContext, readParameters, escapeParamName, type CmpEnv, type CmpOptions, type PluginParameter } from './options.js';
export { announceParameters, type ParameterAnnouncement } from './parameters.js';
export { findUnservedResources, describeUnserved, type UnservedResource } from './served-apis.js';
export { checkDestinationNamespace } from './destination-namespace.js';
