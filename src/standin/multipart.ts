/** A small multipart/form-data parser (RFC 7578) for media/upload; the body is already size-bounded. */

export interface MultipartPart {
  name: string;
  filename?: string;
  contentType?: string;
  data: Buffer;
}

const CRLF = Buffer.from('\r\n');
const HEADER_END = Buffer.from('\r\n\r\n');

export function boundaryOf(contentType: string | undefined): string | undefined {
  if (!contentType || !/^multipart\/form-data\b/i.test(contentType)) return undefined;
  const m = /;\s*boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))/i.exec(contentType);
  return m?.[1] ?? m?.[2];
}

/** Parameters of a Content-Disposition header; filename* (RFC 5987) wins over filename. */
function dispositionParams(value: string): Map<string, string> {
  const params = new Map<string, string>();
  for (const m of value.matchAll(/;\s*([^=;\s]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g)) {
    const key = (m[1] ?? '').toLowerCase();
    const raw = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : (m[3] ?? '').trim();
    params.set(key, raw);
  }
  const extended = params.get('filename*');
  const encoded = extended && /^utf-8''(.*)$/i.exec(extended)?.[1];
  if (encoded) {
    try {
      params.set('filename', decodeURIComponent(encoded));
    } catch {
      // keep the plain filename
    }
  }
  return params;
}

/** Throws on a malformed body. */
export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let pos = body.indexOf(delimiter);
  if (pos < 0) throw new Error('multipart boundary not found');
  for (;;) {
    pos += delimiter.length;
    if (body.subarray(pos, pos + 2).toString() === '--') return parts; // closing delimiter
    if (!body.subarray(pos, pos + 2).equals(CRLF)) throw new Error('malformed multipart delimiter line');
    const headerEnd = body.indexOf(HEADER_END, pos + 2);
    if (headerEnd < 0) throw new Error('multipart part headers not terminated');
    // Browsers and undici send UTF-8 file names raw, so decode headers as UTF-8.
    const headers = new Map<string, string>();
    for (const line of body
      .subarray(pos + 2, headerEnd)
      .toString('utf8')
      .split('\r\n')) {
      const colon = line.indexOf(':');
      if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
    }
    const next = body.indexOf(Buffer.concat([CRLF, delimiter]), headerEnd + 4);
    if (next < 0) throw new Error('multipart part not terminated');
    const params = dispositionParams(headers.get('content-disposition') ?? '');
    const name = params.get('name');
    if (name === undefined) throw new Error('multipart part without a name');
    const filename = params.get('filename');
    const contentType = headers.get('content-type');
    parts.push({
      name,
      data: body.subarray(headerEnd + 4, next),
      ...(filename !== undefined && { filename }),
      ...(contentType !== undefined && { contentType }),
    });
    pos = next + CRLF.length;
  }
}
