/**
 * Shrinks a disagreeing case to a small one that still disagrees the same
 * way (same `kind`). Greedy, line based and YAML aware: it tries dropping
 * whole files, then blocks (a line with its more-indented children), then
 * single lines, repeating until nothing more can go.
 */
import { compareCase } from './differential.mjs';

function indentOf(line) {
  return line.length - line.trimStart().length;
}

/** [start, end) of the block starting at line i: the line and every deeper line after it. */
function blockEnd(lines, i) {
  const base = indentOf(lines[i]);
  const isItem = lines[i].trimStart().startsWith('- ');
  let j = i + 1;
  while (j < lines.length) {
    const line = lines[j];
    if (line.trim() === '') {
      j++;
      continue;
    }
    const ind = indentOf(line);
    if (ind > base || (isItem && ind === base + 2 && !line.trimStart().startsWith('- '))) j++;
    else break;
  }
  return j;
}

export async function shrinkCase(files, kind, { maxTries = 400, log = () => {} } = {}) {
  let current = { ...files };
  let tries = 0;
  const stillFails = async (candidate) => {
    tries++;
    const result = await compareCase(candidate);
    return !result.agree && result.kind === kind;
  };
  let progress = true;
  while (progress && tries < maxTries) {
    progress = false;
    // 1. Whole files (never the top kustomization).
    for (const name of Object.keys(current)) {
      if (name === 'kustomization.yaml' || tries >= maxTries) continue;
      const candidate = { ...current };
      delete candidate[name];
      if (await stillFails(candidate)) {
        current = candidate;
        progress = true;
      }
    }
    // 2. Blocks, then 3. single lines, in each file, from the end so indices stay valid.
    for (const name of Object.keys(current)) {
      for (const mode of ['block', 'line']) {
        let lines = current[name].split('\n');
        for (let i = lines.length - 1; i >= 0 && tries < maxTries; i--) {
          if (lines[i] === undefined || lines[i].trim() === '') continue;
          const end = mode === 'block' ? blockEnd(lines, i) : i + 1;
          if (mode === 'block' && end === i + 1) continue;
          const next = [...lines.slice(0, i), ...lines.slice(end)];
          const candidate = { ...current, [name]: next.join('\n') };
          if (await stillFails(candidate)) {
            current = candidate;
            lines = next;
            progress = true;
          }
        }
      }
    }
    log(`shrink: ${tries} tries, ${Object.values(current).join('').length} bytes`);
  }
  return current;
}
