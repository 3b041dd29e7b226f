/**
 * The 64 KiB pages a compiled policy's static data needs. `opa build -t wasm`
 * imports its memory with a minimum of 5 pages whatever the policy holds, and
 * the SDK's default memory is those 5 pages: once the data segments (rule
 * texts, string constants) pass 320 KiB, instantiation fails ("data segment is
 * out of bounds"). Reading the module's data section gives the end of the last
 * active segment, so the engine can start with a memory that holds it.
 * Only section headers are walked; segments are skipped by their sizes.
 */

const PAGE = 65536;
const DATA_SECTION = 11;

/** The pages the module's active data segments (with constant offsets) reach; 0 when none or unreadable. */
export function dataSegmentPages(wasm: Uint8Array): number {
  let p = 8; // magic and version
  const leb = (): number => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const byte = wasm[p++];
      if (byte === undefined) throw new RangeError('truncated');
      result += (byte & 0x7f) * 2 ** shift;
      shift += 7;
      if ((byte & 0x80) === 0) return result;
    }
  };
  try {
    let end = 0;
    while (p < wasm.length) {
      const id = wasm[p++];
      const size = leb();
      const next = p + size;
      if (id === DATA_SECTION) {
        const count = leb();
        for (let i = 0; i < count; i++) {
          const flags = leb();
          // Active segment of memory 0 with an i32.const offset (what OPA emits); passive ones need no room.
          if (flags === 0 && wasm[p] === 0x41) {
            p++;
            const offset = leb(); // i32.const as unsigned LEB: OPA's offsets are small positive numbers
            if (wasm[p++] !== 0x0b) return 0;
            const length = leb();
            end = Math.max(end, offset + length);
            p += length;
          } else if (flags === 1) {
            p += leb();
          } else return 0;
        }
      }
      p = next;
    }
    return Math.ceil(end / PAGE);
  } catch {
    return 0;
  }
}
