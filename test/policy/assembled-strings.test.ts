import { describe, expect, it } from 'vitest';
import { assembledForms } from '../../src/policy/assembled-strings.js';
import { fragmentJoins, mountedObjects } from '../../src/policy/fragment-joins.js';

const DEFAULT = 'Ch@ngeMe';
const shows = (text: string): boolean => assembledForms(text).some((f) => f.text.includes(DEFAULT));

describe('assembledForms: the string a program sees of pieces', () => {
  it.each([
    ['shell adjacent quotes', `rabbitmqctl add_user monitor "Ch@n"'geMe'`],
    ['unquoted then quoted', `add_user monitor Ch@n"geMe"`],
    ['JavaScript +', `db.createUser({user: "x", pwd: "Ch@n" + "geMe"})`],
    ['+ over a line break', `pwd: 'Ch@n' +\n     'geMe'`],
    ['Python implicit concatenation', `write('password = ' 'Ch@n' 'geMe')`],
    ['Lua ..', `local pw = "Ch@n" .. "geMe"`],
    ['SQL ||', `SELECT 'Ch@n' || 'geMe'`],
    ['chr()', 'print(chr(67) + chr(104) + chr(64) + chr(110) + chr(103) + chr(101) + chr(77) + chr(101))'],
    ['rev', 'printf "%s" "$(echo eMegn@hC | rev)"'],
    ["Python's [::-1]", `print('eMegn@hC'[::-1])`],
    ['printf of halves', `printf '%s%s' 'Ch@n' geMe > /root/pw`],
    ['shell variables', `a='Ch@n'; b=geMe; echo "$a$b"`],
  ])('%s', (_name, text) => {
    expect(shows(text)).toBe(true);
  });

  it.each([
    ['a script without pieces', 'mongo --quiet --eval "db.adminCommand(\'ping\')"'],
    ['JSON', '{"users": [{"name": "admin", "password": "${pass}"}]}'],
    ['prose with apostrophes', "don't rotate the key if it's in use"],
  ])('adds no form for %s', (_name, text) => {
    expect(assembledForms(text)).toEqual([]);
  });

  it('leaves a text over 64 KiB alone', () => {
    expect(assembledForms(`"Ch@n" + "geMe"${' '.repeat(70 * 1024)}`)).toEqual([]);
  });
});

describe('fragmentJoins: one object\'s short values joined two by two and in key order', () => {
  const cm = (data: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'parts' }, data });
  it('joins both orders, and all of them in key order', () => {
    const joins = fragmentJoins(cm({ a: 'geMe', b: 'Ch@n', c: 'xyz1' })).map((j) => j.text);
    expect(joins).toContain('Ch@ngeMe');
    expect(joins).toContain('geMeCh@nxyz1');
    expect(joins).toHaveLength(7);
  });
  it('reads Secret data decoded and drops a file\'s last newline', () => {
    const s = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, data: { p1: Buffer.from('Ch@n\n').toString('base64'), p2: Buffer.from('geMe').toString('base64') } };
    expect(fragmentJoins(s).map((j) => j.text)).toContain('Ch@ngeMe');
  });
  it.each([
    ['one fragment', { a: 'Ch@n', b: 'a sentence with blanks' }],
    ['URLs and paths', { a: 'http://st2api:9101', b: '/etc/st2/st2.conf' }],
    ['long values', { a: 'x'.repeat(65), b: 'y'.repeat(65) }],
  ])('has none for %s', (_name, data) => {
    expect(fragmentJoins(cm(data))).toEqual([]);
  });
});

describe('mountedObjects: where fragments lie side by side for a pod', () => {
  it('names volumes and projected sources, not env sources', () => {
    const pod = {
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p' },
      spec: {
        containers: [{ name: 'c', image: 'busybox', envFrom: [{ configMapRef: { name: 'env-parts' } }], env: [{ name: 'X', valueFrom: { secretKeyRef: { name: 'one-key', key: 'k' } } }] }],
        volumes: [{ name: 'a', configMap: { name: 'key-parts' } }, { name: 'b', projected: { sources: [{ secret: { name: 'secret-parts' } }] } }],
      },
    };
    expect([...mountedObjects([pod])].sort()).toEqual(['ConfigMap/key-parts', 'Secret/secret-parts']);
  });
});
