/**
 * Raw YAML spellings for the fuzzer. The generator never decides what a
 * scalar means: it writes text the way people (and tools) write it, in every
 * style, and lets the two renderers disagree or not. A leaf is either an
 * inline token (`{ inline }`) or a block scalar (`{ header, lines }`).
 */

const PLAIN = [
  'web', 'st2api', 'hello world', 'yes', 'No', 'on', 'OFF', 'y', 'n', '~', 'null', 'Null', 'true', 'False',
  '010', '0x1F', '0o17', '0b101', '1_000', '+1', '-0', '1.0', '1e3', '.5', '1.5e3', '1e21', '1e-7', '12345678.9',
  '1e400', '-1e400', '.inf', '-.Inf', '.nan', '1:30', '190:20:30', '2020-01-01', '2020-1-1', '2001-12-14 21:59:43.10 -5',
  '2001-12-14t21:59:43Z', '2001-12-14T21:59:43.000000001+01:00', '2020-01-01x', '12345678901234567890',
  '9223372036854775807', '9223372036854775808', '18446744073709551616', '-9223372036854775809',
  '...foo', '..', '.', '-v', 'a#b', 'x:y', 'a: b'.replace(': ', ':'), '<<', '=', 'é', '日本語', 'a b  c',
  '%percent', '@at'.slice(1), 'http://example.com/a?b=c#d', '/var/lib/st2', '*.example.com'.slice(1), '-1', '0', '007',
  'Stack Storm', 'true_', 'nulls', 'yes please', '2020-01-01 extra',
  'this is a fairly long plain sentence that goes past the eighty column limit so goyaml folds it somewhere',
];

const SINGLE = [
  "'yes'", "'010'", "'it''s'", "'...x'", "' lead'", "'trail '", "''", "'#hash'", "'- dash'", "': colon'",
  "'a  two  spaces'", "'multi\n  line'", "'1e400'", "'.inf'", "'@at'", "'*star'", "'&amp'", "'!bang'", "'%pct'",
  "'a very long single quoted string with many words that should be folded past the eighty column border ok'",
];

const DOUBLE = [
  '"a\\tb"', '"\\x85"', '"next\\u0085line"', '"\\u2028"', '"ls\\u2028x"', '"ps\\u2029x"', '"\\ufeffbom"', '"bom\\uFEFF"',
  '"\\e[0m"', '"\\0"', '"bell\\a"', '"v\\v"', '"line\\nbreak"', '"trailing \\n"', '"two\\n\\n"', '"\\U0001F680"',
  '"..."', '"...x"', '"--- x"', '"\\N"', '"\\_"', '"\\L"', '"\\P"', '"\\/"', '"tab\\there"', '"cr\\r\\n"', '""',
  '"yes"', '"123"', '"1.5"', '"null"', '"with \\"quotes\\""', '"back\\\\slash"', '" lead"', '"\\ttab-lead"',
  '"long double quoted string with enough words in it to be folded at eighty columns by the yaml writer"',
  '"multi\n  line folded"', '"a\\\n  b"', '"\\x7f"', '"\\x1b"', '"é\\u00e9"', '"\\uD83D"'.slice(0, 0) + '"emoji 🚀"',
];

const FLOW = ['[]', '{}', '[a, b]', '[1, "2", yes]', '{a: 1, b: two}', '[{x: 1}]', '[[a]]', '{"k": [1, 2]}'];

const TAGGED = ['!!str 010', '!!str yes', '!!str', '!!int 7', '!!float 1', '!!null ""'];

/** Block scalar headers and bodies (lines relative to the block's indent). */
const BLOCKS = [
  ['|', ['line one', 'line two']],
  ['|-', ['kept', 'chomped']],
  ['|+', ['keep', '', '']],
  ['|2', ['  indented first', 'x']],
  ['|', ['trailing space ', 'x']],
  ['|', ['tab\there']],
  ['|', ['', 'leading empty']],
  ['|', ['single']],
  ['>', ['folded one', 'folded two', '', 'para']],
  ['>-', ['folded', 'chomped']],
  ['>', ['folded', '  more indented', 'back']],
  ['>', ['a', '', '  more', '', 'b']],
  ['>+', ['keep', '']],
  ['|-', ['#!/bin/sh', 'echo "$HOME"', 'exit 0']],
  ['|', ['a very long literal line that certainly runs past eighty columns and must not be folded at all ok']],
  ['|', ['key: value', '- item']],
];

/** Spellings both readers take (any YAML style); the edgy pools hold the rest. */
const CLEAN_PLAIN = PLAIN.filter((t) => !/^[-+]?(1e400|\.inf|\.Inf|\.nan)$/.test(t));
const CLEAN_DOUBLE = DOUBLE.filter((t) => !t.includes('\\/'));

export function scalarLeaf(rnd) {
  if (!rnd.edgy()) {
    return rnd.weighted([
      [8, () => ({ inline: rnd.pick(CLEAN_PLAIN) })],
      [3, () => ({ inline: rnd.pick(SINGLE) })],
      [3, () => ({ inline: rnd.pick(CLEAN_DOUBLE) })],
      [1, () => ({ inline: rnd.pick(FLOW) })],
      [2, () => {
        const [header, lines] = rnd.pick(BLOCKS);
        return { header, lines };
      }],
    ])();
  }
  return rnd.weighted([
    [8, () => ({ inline: rnd.pick(PLAIN) })],
    [3, () => ({ inline: rnd.pick(SINGLE) })],
    [4, () => ({ inline: rnd.pick(DOUBLE) })],
    [1, () => ({ inline: rnd.pick(FLOW) })],
    [1, () => ({ inline: rnd.pick(TAGGED) })],
    [3, () => {
      const [header, lines] = rnd.pick(BLOCKS);
      return { header, lines };
    }],
  ])();
}

/** Values safe for a label (plain words); labels with odd values are a separate edge. */
export function labelValue(rnd) {
  return rnd.weighted([
    [10, () => rnd.pick(['web', 'st2', 'prod', 'v1', 'blue', 'green', 'a.b', 'x-y', 'x_y'])],
    [rnd.edgy() ? 1 : 0, () => rnd.pick(['"yes"', "'010'", '"true"', 'yes', '123', 'true', '""', '"a b"'])],
  ])();
}

const KEYS = [
  'alpha', 'beta', 'Gamma', 'a-b', 'a.b', 'a_b', 'a1', 'a01', 'a10', 'a9', '_x', '"1"', '"10"', '"2"', 'ä',
  '"a/b"', 'example.com/key', 'a~b', '"yes"', '"on"', '"null"', 'x y', "'quoted key'", '"k:v"',
];

export function mapKey(rnd) {
  return rnd.pick(KEYS);
}

/** Annotation keys, some needing ~0/~1 escapes in JSON pointers. */
export const ANNOTATION_KEYS = [
  'prometheus.io/scrape', 'prometheus.io/port', 'example.com/owner', 'note', 'a~b', 'team', 'checksum/config',
];

export function annotationValue(rnd) {
  return rnd.weighted([
    [4, () => rnd.pick(['"true"', '"9102"', 'hello', "'x'", 'platform'])],
    [3, () => rnd.pick(['true', '9102', 'yes', '1.5', 'null', '~', '0x10', '2020-01-01', '1e3', 'false', '010'])],
    [2, () => scalarLeaf(rnd).inline ?? '"multi\\nline"'],
  ])();
}

export function comment(rnd) {
  return rnd.pick(['# comment', '#', '# --- not a marker', '# key: value', '#    indented comment']);
}
