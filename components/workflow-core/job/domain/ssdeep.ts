/** ssdeep's fuzzy hash, as much of it as storages' keys need (./kebechet-installation.ts fuzzyHash). */

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const HASH_PRIME = 0x01000193;
const HASH_INIT = 0x28021967;
const ROLLING_WINDOW = 7;
const MIN_BLOCKSIZE = 3;
const SPAMSUM_LENGTH = 64;

/**
 * ssdeep's fuzzy_hash_buf (libfuzzy 2.14, flags 0) for inputs of at most 192 bytes, where the block
 * size stays 3 and no block hash is dropped: enough for ids of up to 8 bytes.
 */
export function ssdeep(bytes: Uint8Array): string {
  if (bytes.length > MIN_BLOCKSIZE * SPAMSUM_LENGTH) throw new Error(`ssdeep: ${bytes.length} bytes is more than this implementation hashes`);
  const window = new Uint8Array(ROLLING_WINDOW);
  let [h1, h2, h3, n] = [0, 0, 0, 0];
  const blocks = [{ h: HASH_INIT, half: HASH_INIT, digest: '', last: '', halfLast: '' }];
  for (const c of bytes) {
    h2 = (h2 - h1 + ROLLING_WINDOW * c) >>> 0;
    h1 = (h1 + c - window[n % ROLLING_WINDOW]!) >>> 0;
    window[n % ROLLING_WINDOW] = c;
    n += 1;
    h3 = ((h3 << 5) ^ c) >>> 0;
    const roll = (h1 + h2 + h3) >>> 0;
    for (const block of blocks) {
      block.h = (Math.imul(block.h, HASH_PRIME) ^ c) >>> 0;
      block.half = (Math.imul(block.half, HASH_PRIME) ^ c) >>> 0;
    }
    for (let i = 0; i < blocks.length; i++) {
      const size = MIN_BLOCKSIZE * 2 ** i;
      if (roll % size !== size - 1) break;
      const block = blocks[i]!;
      if (block.digest === '') {
        const newest = blocks[blocks.length - 1]!;
        blocks.push({ h: newest.h, half: newest.half, digest: '', last: '', halfLast: '' });
      }
      block.last = B64[block.h % 64]!;
      block.halfLast = B64[block.half % 64]!;
      if (block.digest.length < SPAMSUM_LENGTH - 1) {
        block.digest += block.last;
        block.last = '';
        block.h = HASH_INIT;
        if (block.digest.length < SPAMSUM_LENGTH / 2) {
          block.half = HASH_INIT;
          block.halfLast = '';
        }
      }
    }
  }
  const roll = (h1 + h2 + h3) >>> 0;
  const [first, second] = blocks as [(typeof blocks)[0], (typeof blocks)[0] | undefined];
  const head = `${first.digest}${roll !== 0 ? B64[first.h % 64] : first.last}`;
  const tail =
    second === undefined
      ? roll !== 0
        ? B64[first.h % 64]
        : ''
      : `${second.digest.slice(0, SPAMSUM_LENGTH / 2 - 1)}${roll !== 0 ? B64[second.half % 64] : second.halfLast}`;
  return `${MIN_BLOCKSIZE}:${head}:${tail}`;
}
