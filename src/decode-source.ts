/** A file's bytes as text, or why they are not text profilint can read. */
export type DecodedSource =
  | { kind: 'text'; text: string; /** Line of the first byte that is not UTF-8, when some are not. */ invalidUtf8Line?: number }
  | { kind: 'binary' };

// Git's own test for binary content: a NUL byte in the first 8,000 bytes.
const binaryProbeLength = 8000;
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function isValidUtf8Prefix(bytes: Uint8Array, length: number): boolean {
  try {
    // `stream` accepts a sequence cut in half at the end of the prefix; only a wrong byte throws.
    new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(0, length), { stream: true });
    return true;
  } catch {
    return false;
  }
}

/** The line of the first byte that is not valid UTF-8, found by bisection: every prefix past it is invalid too. */
function firstInvalidUtf8Line(bytes: Buffer): number {
  let valid = 0;
  let invalid = bytes.length;
  while (invalid - valid > 1) {
    const middle = (valid + invalid) >> 1;
    if (isValidUtf8Prefix(bytes, middle)) valid = middle;
    else invalid = middle;
  }
  let line = 1;
  for (let index = 0; index < valid; index += 1) if (bytes[index] === 0x0a) line += 1;
  return line;
}

/**
 * Decodes a source file the way editors do: UTF-16 when it starts with a UTF-16 byte-order mark, else
 * UTF-8 without its byte-order mark (columns count from the first real character). Bytes that are not
 * UTF-8 become U+FFFD and the line of the first one is returned, so the user learns why a name was missed.
 */
export function decodeSource(bytes: Buffer): DecodedSource {
  if (bytes[0] === 0xff && bytes[1] === 0xfe && !(bytes[2] === 0 && bytes[3] === 0)) {
    return { kind: 'text', text: bytes.subarray(2, bytes.length - (bytes.length % 2)).toString('utf16le') };
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { kind: 'text', text: Buffer.from(bytes.subarray(2, bytes.length - (bytes.length % 2))).swap16().toString('utf16le') };
  }
  if (bytes.subarray(0, binaryProbeLength).includes(0)) return { kind: 'binary' };
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { kind: 'text', text: strictUtf8.decode(body) };
  } catch {
    return { kind: 'text', text: body.toString('utf8'), invalidUtf8Line: firstInvalidUtf8Line(body) };
  }
}
