// Request bodies sent with Content-Encoding (gzip, deflate, br) are decoded before any parser reads them, so an
// event is stored as sent, never as its compressed bytes. The body limit applies to the decoded bytes, counted as
// they stream out of the decoder: a small body that inflates past it (a zip bomb) is cut off with 413 after at most
// the limit, never inflated whole. An encoding Sluice cannot decode is refused (415) before a byte is read.
import { Transform, type TransformCallback } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import type { FastifyReply, FastifyRequest, RequestPayload } from 'fastify';
import { SluiceError } from '../core/errors.js';

const DECODERS: Readonly<Record<string, () => Transform>> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/** The decoded body, capped at the limit; `receivedEncodedLength` is what Fastify checks Content-Length against. */
class CappedBody extends Transform {
  receivedEncodedLength = 0;
  private decoded = 0;

  constructor(private readonly limit: number) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.decoded += chunk.length;
    if (this.decoded > this.limit) {
      callback(new SluiceError('HTTP_BODY_TOO_LARGE', { limit: this.limit }));
      return;
    }
    callback(null, chunk);
  }
}

/** The one content coding of the header, lower case; undefined for none (absent, empty or identity). */
function codingOf(header: string): string | undefined {
  const codings = header.split(',').map((c) => c.trim().toLowerCase()).filter((c) => c !== '' && c !== 'identity');
  if (codings.length > 1) throw new SluiceError('HTTP_UNSUPPORTED_ENCODING', { encoding: JSON.stringify(header), reason: 'one encoding at most' });
  return codings[0];
}

/** `bodyLimit`: the app's limit, for routes that set none of their own. */
export function contentDecoder(bodyLimit: number) {
  return function decodeBody(request: FastifyRequest, _reply: FastifyReply, payload: RequestPayload, done: (err: Error | null, value?: RequestPayload) => void): void {
    const header = request.headers['content-encoding'];
    if (header === undefined) return done(null, payload);
    let coding: string | undefined;
    try {
      coding = codingOf(header);
    } catch (err) {
      return done(err as Error);
    }
    if (coding === undefined) return done(null, payload);
    const make = DECODERS[coding];
    if (make === undefined) return done(new SluiceError('HTTP_UNSUPPORTED_ENCODING', { encoding: coding }));
    const decoder = make();
    const body = new CappedBody(request.routeOptions.bodyLimit ?? bodyLimit);
    const stop = (): void => {
      payload.unpipe(decoder);
      decoder.destroy();
      payload.resume(); // the rest of the request is read and dropped, as Node does for any unread body
    };
    payload.on('data', (chunk: Buffer) => { body.receivedEncodedLength += chunk.length; });
    payload.on('error', (err) => body.destroy(err));
    decoder.on('error', (err) => body.destroy(new SluiceError('HTTP_BAD_ENCODING', { encoding: coding, reason: err.message })));
    // Over the limit (or any failure): stop inflating at once rather than decode the rest for nobody.
    body.on('error', stop);
    body.on('close', stop);
    payload.pipe(decoder).pipe(body);
    done(null, body);
  };
}
