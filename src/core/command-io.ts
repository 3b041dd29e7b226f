/** What an edge command gets from the process: the working directory, output streams and the clock. */
export interface CommandIo {
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly now: () => Date;
  /** Reported by `version`, so a user can see whether the fast start applied. */
  readonly startedFrom?: StartedFrom | undefined;
  /** The process environment (ST2_GITOPS_MAX_* budgets…). @default {} */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
}

/** How this process started: from the V8 startup snapshot or by loading dist/st2-gitops.mjs. */
export type StartedFrom = 'snapshot' | 'module';
