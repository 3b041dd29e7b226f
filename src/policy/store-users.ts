/**
 * MongoDB and RabbitMQ accounts a script or a definitions file gives a
 * literal password (store-credentials.ts): `createUser`/`updateUser` with a
 * quoted `pwd` (mongosh, the legacy shell, a `runCommand`, pymongo's
 * `pwd=`), `changeUserPassword(user, "...")`, `rabbitmqctl add_user` or
 * `change_password` with a password word, `rabbitmqadmin declare user
 * password=...`, a `users` entry of RabbitMQ definitions and a management
 * API `PUT /api/users/...` body. A password read from the environment, the
 * store's file, a prompt or standard input is no literal; neither is a
 * `password_hash`. Only labels leave, never a user name or a password.
 */
import { pipelines, programIndex, programName } from './shell-words.js';
import { isLiteralCredential } from './credential-values.js';

const MONGO_USER_CALL = /\b(?:createUser|updateUser)\b/;
/** `pwd: "..."`, `"pwd": '...'`, pymongo's `pwd="..."`: the quoted value (escapes kept, never shown). */
const MONGO_PWD = /["']?\bpwd["']?\s*[:=]\s*(["'`])((?:\\.|(?!\1)[^\\])*)\1/g;
const MONGO_CHANGE = /\bchangeUserPassword\s*\(\s*(["'`])(?:\\.|(?!\1)[^\\])*\1\s*,\s*(["'`])((?:\\.|(?!\2)[^\\])*)\2/g;
const JSON_PASSWORD = /"password"\s*:\s*"((?:\\.|[^"\\])*)"/g;
/** rabbitmqctl's global options that take a value (`-n rabbit@host`). */
const CTL_VALUE_OPTIONS = new Set(['-n', '--node', '-t', '--timeout', '-l', '--longnames', '--erlang-cookie', '--formatter']);

/** Labels of the literal passwords a text gives store users (empty for most texts). */
export function storeUserPasswords(text: string, committedVar: (name: string) => boolean = () => false): string[] {
  const out: string[] = [];
  if (MONGO_USER_CALL.test(text)) {
    for (const m of text.matchAll(MONGO_PWD)) if (isLiteralCredential(m[2] ?? '')) out.push('MongoDB user pwd');
  }
  if (text.includes('changeUserPassword')) {
    for (const m of text.matchAll(MONGO_CHANGE)) if (isLiteralCredential(m[3] ?? '')) out.push('MongoDB changeUserPassword');
  }
  if (text.includes('rabbitmqctl') || text.includes('rabbitmqadmin')) out.push(...rabbitCommands(text, committedVar));
  if (text.includes('"password"')) {
    for (const body of [...usersArrays(text), ...(text.includes('/api/users/') ? [text] : [])]) {
      for (const m of body.matchAll(JSON_PASSWORD)) if (isLiteralCredential(m[1] ?? '')) out.push('RabbitMQ definitions user password');
    }
  }
  return out;
}

/** `rabbitmqctl add_user U P`, `change_password U P`, `rabbitmqadmin declare user ... password=P`. */
function rabbitCommands(text: string, committedVar: (name: string) => boolean): string[] {
  const out: string[] = [];
  for (const pipeline of pipelines(text)) {
    for (const { words } of pipeline) {
      const at = programIndex(words);
      const program = programName(words[at] ?? '');
      if (program === 'rabbitmqctl') {
        const operands: string[] = [];
        for (let k = at + 1; k < words.length; k++) {
          const w = words[k] ?? '';
          if (CTL_VALUE_OPTIONS.has(w)) k++;
          else if (!w.startsWith('-')) operands.push(w);
        }
        const [verb, , password] = operands;
        const variable = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(password ?? '')?.[1];
        const literal = password !== undefined && (isLiteralCredential(password) || (variable !== undefined && committedVar(variable)));
        if ((verb === 'add_user' || verb === 'change_password') && literal) out.push(`rabbitmqctl ${verb}`);
      } else if (program === 'rabbitmqadmin' && words.includes('declare') && words.includes('user')) {
        const pw = words.find((w) => w.startsWith('password='));
        if (pw !== undefined && isLiteralCredential(pw.slice('password='.length))) out.push('rabbitmqadmin declare user');
      }
    }
  }
  return out;
}

/** The bodies of every `"users": [...]` array of a JSON text (strings skipped while matching brackets). */
function usersArrays(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/"users"\s*:\s*\[/g)) {
    const start = m.index + m[0].length;
    let depth = 1;
    let k = start;
    for (; k < text.length && depth > 0; k++) {
      const c = text[k];
      if (c === '"') {
        for (k++; k < text.length && text[k] !== '"'; k++) if (text[k] === '\\') k++;
      } else if (c === '[') depth++;
      else if (c === ']') depth--;
    }
    out.push(text.slice(start, k));
  }
  return out;
}
