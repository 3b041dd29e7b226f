/**
 * The facts st2-chains.ts computes for each st2 process: the state of each guarded
 * option as its chain of config files leaves it, and what the policy reads beside
 * them. Types only, so the modules that read a chain fact need not import the reader.
 */
import type { ConfigError, ListenPorts, SensorPartition, TimersState } from './st2-chain-extras.js';
import type { AuthFacts } from './st2-auth-mode.js';
import type { TextSource } from './st2-config-files.js';
import type { OptionEgress } from './st2-option-egress.js';
import type { OptionWord } from './st2-option-bounds.js';
import type { RoleProblem } from './st2-role-options.js';
import type { StoreUnsetFact } from './st2-store-unset.js';
import type { DebugLog, TokenTtl } from './st2-token-exposure.js';
import type { TransportWords } from './st2-transport.js';

type Path = Array<string | number>;

/**
 * on; off (enable false, or not a boolean); unset (no file says: st2's default); noop (RBAC's backend);
 * invalid (an RBAC backend st2 does not have: its name is an entry point, compared case-sensitively,
 * and st2api, st2auth and st2stream refuse to start); unreadable (a file the gate cannot read may have the last word).
 */
export type ChainState = 'on' | 'off' | 'unset' | 'noop' | 'invalid' | 'unreadable';

export interface ChainFact extends AuthFacts {
  /** The container's path inside its resource. */
  readonly path: Path;
  readonly rbac: ChainState;
  readonly auth: ChainState;
  /** For a state that is not on: the file that decides it, or the one the gate cannot read. */
  readonly rbac_file: string;
  readonly auth_file: string;
  /**
   * `[api] mask_secrets` and `[log] mask_secrets` (st2's default: True, so
   * unset is on): off when the last word is not true. With their files, as above.
   */
  readonly mask_api: ChainState;
  readonly mask_log: ChainState;
  readonly mask_api_file: string;
  readonly mask_log_file: string;
  /**
   * The first --config-file (or the default file) that no volume mount
   * provides and the image does not ship: oslo.config stops the process at
   * start-up (ConfigFilesNotFoundError). '' when every file is there or unknown.
   */
  readonly missing_config: string;
  /** The first --config-dir that is not there (oslo.config: ConfigDirNotFoundError at start-up); '' when none or unknown. */
  readonly missing_dir: string;
  /** A local_timezone the timers engine cannot load, where the chain's last word on it is written (time-zones.ts); null when none. */
  readonly bad_timezone: { readonly file: string; readonly source: TextSource | null } | null;
  /**
   * Other namespaces whose message bus or database this process uses (the
   * last `[messaging] url` and `[database] host` of its chain, by cluster DNS
   * name): two timers engines on one bus fire every timer twice, whatever
   * namespace each runs in. Absent when the stores are its own namespace's.
   */
  readonly stores?: string[];
  /** The first file of the chain oslo.config refuses, or the typed option whose last word it cannot convert (st2-chain-extras.ts); null when none. */
  readonly config_error: ConfigError | null;
  /** Whether a timers engine reading this chain fires timers (st2-chain-extras.ts). */
  readonly timers: TimersState;
  /** The last word on where each API service listens and which database every service opens (st2-chain-extras.ts). */
  readonly listen: ListenPorts;
  readonly db_name: string;
  readonly sensor_partition: SensorPartition;
  /** Where the chain's last words connect it, and whether its datastore key is there (st2-transport.ts). */
  readonly transport: TransportWords;
  /** `[api]`/`[auth]`/`[stream] host` options whose last word is loopback (st2-chain-extras.ts). */
  readonly loopback: readonly string[];
  /** single-sensor mode without a sensor ref: the file (or 'command line') deciding it; '' when not so. */
  readonly sensor_unpinned: string;
  /** Options that stop (or stall) the st2 service using them (st2-role-options.ts). */
  readonly role_problems: readonly RoleProblem[];
  /** For the file partitioner: the sensor refs its node's entry lists ('unknown' when the file or entry cannot be read); null for other providers. */
  readonly sensor_file: readonly string[] | 'unknown' | null;
  /** Where st2's options send its tokens or fetch its packs from (st2-option-egress.ts). */
  readonly option_urls: OptionEgress['option_urls'];
  readonly option_installs: OptionEgress['option_installs'];
  /** `[auth] token_ttl` and `service_token_ttl` as the chain's last words set them (st2-token-exposure.ts). */
  readonly token_ttls: readonly TokenTtl[];
  /** The option and file turning DEBUG logging on ([system] or [DEFAULT] debug), null when off (st2-token-exposure.ts). */
  readonly debug_log: DebugLog | null;
  /** The last words on the options the bundle bounds (st2-option-bounds.ts). */
  readonly option_words: readonly OptionWord[];
}

/**
 * A ConfigMap/Secret/ExternalSecret text read in chains, whose every chain ends with the section on
 * (coordination: with a `[coordination] url` of a shared backend's driver, etcd, redis or zookeeper).
 */
export interface SettledFact {
  readonly resource: number;
  readonly path: ReadonlyArray<string | number>;
  readonly section: 'auth' | 'rbac' | 'timersengine' | 'coordination';
}

/** The runnable text of the mounted program files one container runs (st2-scripts.ts). */
export interface ScriptFact {
  readonly path: Path;
  readonly text: string;
  /** The script runs a program named only at run time (a variable): ST2-REP-013 when nothing else says which service. */
  readonly unresolved: boolean;
}

export interface ChainFacts {
  readonly st2_chains: Record<string, ChainFact[]>;
  readonly st2_config_settled: SettledFact[];
  /** By resource index: containers that run a mounted script, with its text (lib.rego reads it for roles). */
  readonly st2_scripts: Record<string, ScriptFact[]>;
  /** st2 processes left on the image's store defaults (st2-store-unset.ts): ST2-HRD-014's, sent with st2_transport. */
  readonly store_unset: StoreUnsetFact[];
}
