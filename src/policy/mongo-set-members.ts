/**
 * The members a MongoDB replica set is initiated with (rs.initiate or replSetInitiate
 * in a script or mounted text), and whether they keep a primary after losing one
 * (store-formation.ts's `electable`).
 */

export interface SetMember {
  readonly host: string;
  readonly priority: number;
  readonly votes: number;
  readonly arbiter: boolean;
}

/** The members array of each rs.initiate / replSetInitiate config in a text. */
export function initiatedMembers(text: string): SetMember[][] {
  const out: SetMember[][] = [];
  for (const m of text.matchAll(/(?:rs\.initiate|replSetInitiate)\s*[(:]/g)) {
    const from = (m.index ?? 0) + m[0].length;
    const open = text.indexOf('members', from);
    const start = open < 0 ? -1 : text.indexOf('[', open);
    const end = start < 0 ? -1 : text.indexOf(']', start);
    if (end < 0 || open - from > 400) continue;
    const members: SetMember[] = [];
    for (const b of text.slice(start, end).matchAll(/\{([^{}]*)\}/g)) {
      const body = b[1] ?? '';
      const host = /["']?host["']?\s*:\s*["']([^"']+)["']/.exec(body)?.[1];
      if (host === undefined) continue;
      const priority = /["']?priority["']?\s*:\s*([0-9.]+)/.exec(body)?.[1];
      const votes = /["']?votes["']?\s*:\s*([0-9]+)/.exec(body)?.[1];
      members.push({ host, priority: priority === undefined ? 1 : Number(priority), votes: votes === undefined ? 1 : Number(votes), arbiter: /["']?arbiterOnly["']?\s*:\s*true/.test(body) });
    }
    if (members.length > 0) out.push(members);
  }
  return out;
}

/** Whether a set keeps a primary after losing any one member: a majority of the votes and an electable member left. */
export function survivesOneLoss(members: readonly SetMember[]): boolean {
  const votes = members.reduce((n, m) => n + (m.votes > 0 ? 1 : 0), 0);
  const majority = Math.floor(votes / 2) + 1;
  return members.every((_, k) => {
    const left = members.filter((_, j) => j !== k);
    return left.filter((m) => m.votes > 0).length >= majority && left.some((m) => m.priority > 0 && m.votes > 0 && !m.arbiter);
  });
}
