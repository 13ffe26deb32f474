// The server's stdio reader (server/src/node/streamingMessageReader.ts) must deliver exactly the
// messages vscode-jsonrpc's reader delivers: each body as JSON.parse gives it, in order, whatever
// the stream's chunks are; errors for a header without Content-Length and for a body that is not
// JSON, and the messages after them still read. Large bodies are parsed as they arrive with their
// long strings decoded to latin-1 on the way (streamedJsonBody.ts): that path must be taken for the
// text a large document holds (escapes, latin-1 beyond ASCII) and must give up, with the same
// result, on what it cannot carry (a character above latin-1, a long key, duplicate keys, `__proto__`).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import type { Message } from 'vscode-languageserver/node';
import { JsonStringToLatin1 } from '../../../server/src/node/jsonStringToLatin1';
import { StreamedJsonBody } from '../../../server/src/node/streamedJsonBody';
import { StreamingMessageReader, type StreamingMessageReaderOptions } from '../../../server/src/node/streamingMessageReader';

function frame(body: string): Buffer {
  const bytes = Buffer.from(body, 'utf8');
  return Buffer.concat([Buffer.from(`Content-Length: ${bytes.length}\r\n\r\n`, 'ascii'), bytes]);
}

/** Feeds `stream` to a reader in pieces cut at `cuts` (offsets); what it delivered and the errors it fired. */
function read(stream: Buffer, cuts: readonly number[], options?: StreamingMessageReaderOptions): { messages: unknown[]; errors: string[] } {
  const reader = new StreamingMessageReader(process.stdin, options);
  const messages: unknown[] = [];
  const errors: string[] = [];
  reader.onError((e) => errors.push(e.message));
  // listen() is not called (it would attach to standard input): `receive` is what it forwards to.
  (reader as unknown as { callback: (m: Message) => void }).callback = (m) => messages.push(m);
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b).concat(stream.length)) {
    if (cut <= at) continue;
    reader.receive(Buffer.from(stream.subarray(at, cut))); // a copy, as a stream's chunks are
    at = cut;
  }
  return { messages, errors };
}

/** Feeds `body` to a StreamedJsonBody in pieces; its result and whether it fell back to the ordinary parse. */
function streamed(body: string | Buffer, cuts: readonly number[], longStringBytes: number): { value: unknown; ordinary: boolean } {
  const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
  const parsed = new StreamedJsonBody(bytes.length, longStringBytes);
  let at = 0;
  for (const cut of [...cuts].sort((a, b) => a - b).concat(bytes.length)) {
    if (cut <= at || cut > bytes.length) continue;
    parsed.write(Buffer.from(bytes.subarray(at, cut)));
    at = cut;
  }
  return { value: parsed.finish(), ordinary: parsed.parsedOrdinarily };
}

/** Text of the kind a large document holds: latin-1 only, with every character JSON escapes. */
const latin1Text = fc.string({ unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)), maxLength: 300 });
/** Any text: characters above latin-1, surrogate pairs, lone surrogates. */
const anyText = fc.string({ unit: 'binary', maxLength: 200 });

const message = fc.record({
  jsonrpc: fc.constant('2.0'),
  method: fc.constantFrom('textDocument/didOpen', 'textDocument/didChange', 'initialized'),
  params: fc.record({
    textDocument: fc.record({ uri: fc.constant('file:///a.json'), version: fc.nat(), text: fc.oneof(latin1Text, anyText) }),
    extra: fc.jsonValue({ maxDepth: 3 }),
    more: fc.array(fc.oneof(latin1Text, anyText), { maxLength: 3 }),
  }),
});

describe('StreamingMessageReader', () => {
  it('delivers every message as JSON.parse gives it, in order, whatever the chunks and thresholds', () => {
    fc.assert(
      fc.property(
        fc.array(message, { minLength: 1, maxLength: 4 }),
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 12 }),
        fc.integer({ min: 0, max: 200 }),
        fc.integer({ min: 1, max: 40 }),
        (messages, cutFractions, streamedBodyBytes, longStringBytes) => {
          const bodies = messages.map((m) => JSON.stringify(m));
          const stream = Buffer.concat(bodies.map(frame));
          const cuts = cutFractions.map((f) => Math.floor(f * stream.length));
          const got = read(stream, cuts, { streamedBodyBytes, longStringBytes });
          assert.deepEqual(got.errors, []);
          assert.deepEqual(
            got.messages,
            bodies.map((b) => JSON.parse(b) as unknown),
          );
        },
      ),
      { numRuns: 400 },
    );
  });

  it('reads headers split anywhere, with other headers and any case', () => {
    const body = JSON.stringify({ jsonrpc: '2.0', method: 'initialized', params: {} });
    const header = `content-length:   ${Buffer.byteLength(body)}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n`;
    const stream = Buffer.from(header + body + header + body, 'utf8');
    for (let cut = 0; cut <= stream.length; cut++) {
      const got = read(stream, [cut, Math.floor(cut / 2)]);
      assert.equal(got.messages.length, 2, `cut at ${cut}`);
      assert.deepEqual(got.errors, []);
    }
  });

  it('fires an error for a header without Content-Length and for a body that is not JSON, and reads on', () => {
    const good = JSON.stringify({ jsonrpc: '2.0', method: 'initialized', params: {} });
    const stream = Buffer.concat([
      Buffer.from('X-Other: 1\r\n\r\n', 'ascii'),
      frame('{"jsonrpc": "2.0", "method": '),
      frame(good),
      frame(`{"text": "${'a'.repeat(100)}`), // streamed, cut short
      frame(good),
    ]);
    const got = read(stream, [3, 40, 90], { streamedBodyBytes: 50, longStringBytes: 10 });
    assert.equal(got.errors.length, 3);
    assert.match(got.errors[0]!, /Content-Length/);
    assert.equal(got.messages.length, 2);
  });
});

describe('StreamedJsonBody', () => {
  it('decodes long latin-1 strings on the way, without parsing the body the ordinary way', () => {
    fc.assert(
      fc.property(latin1Text, fc.array(fc.nat(2_000), { maxLength: 8 }), (text, cuts) => {
        const long = `${text}\u00e9\\"\n${'x'.repeat(64)}${text}`;
        const body = JSON.stringify({
          jsonrpc: '2.0',
          method: 'textDocument/didOpen',
          params: { textDocument: { uri: 'file:///a', text: long }, b: [long, 'short'] },
        });
        const got = streamed(body, cuts, 32);
        assert.deepEqual(got.value, JSON.parse(body));
        assert.equal(got.ordinary, false);
      }),
      { numRuns: 300 },
    );
  });

  it('gives the ordinary result where latin-1 cannot carry a long string, or its placeholder cannot be put back', () => {
    const long = 'y'.repeat(64);
    const cases = [
      JSON.stringify({ text: `${long}\u0101` }), // a character above latin-1
      JSON.stringify({ text: `${long}\ud83d\ude00` }), // a surrogate pair (UTF-8, four bytes)
      `{"text": "${long}\\ud83d\\ude00"}`, // the same as escapes
      `{"text": "${long}\\u0100"}`,
      JSON.stringify({ [long]: 1 }), // a long key
      `{"a": "${long}", "a": "${long}z"}`, // duplicate keys: the last one wins
      `{"__proto__": "${long}"}`,
    ];
    for (const body of cases) {
      for (let cut = 0; cut < body.length; cut += 7) {
        const got = streamed(body, [cut], 16);
        assert.deepEqual(got.value, JSON.parse(body), body);
        assert.equal(got.ordinary, true, body);
      }
    }
  });

  it('gives the ordinary result for invalid UTF-8 in a long string, cut anywhere (the decoder gives up inside a sequence)', () => {
    const long = Buffer.from(`{"text": "${'y'.repeat(40)}`, 'utf8');
    for (const bad of [
      [0xc3, 0x41], // a lead byte without its continuation
      [0xc3], // a lead byte, then the closing quote
      [0xe6, 0x9d], // a three-byte lead cut short
      [0x80], // a lone continuation byte
    ]) {
      const body = Buffer.concat([long, Buffer.from(bad), Buffer.from(' tail"}', 'utf8')]);
      for (let cut = 0; cut <= body.length; cut++) {
        const got = streamed(body, [cut, cut + 1], 16);
        assert.deepEqual(got.value, JSON.parse(body.toString('utf8')), `${bad.join(',')} cut at ${cut}`);
      }
    }
  });

  it('throws what JSON.parse throws for a body that is not JSON', () => {
    for (const body of [
      `{"text": "${'z'.repeat(40)}\\u00g0"}`,
      `{"text": "${'z'.repeat(40)}\\"}`,
      `{"text": "${'z'.repeat(40)}\u0001"}`,
      `{"text": "${'z'.repeat(40)}\\x"}`,
      `{"text": "${'z'.repeat(40)}"`,
      `["${'z'.repeat(40)}"]]`,
    ]) {
      for (let cut = 0; cut < body.length; cut++) assert.throws(() => streamed(body, [cut], 8), SyntaxError, body);
    }
  });
});

describe('JsonStringToLatin1', () => {
  it('decodes every latin-1 character, escaped or not, split anywhere', () => {
    fc.assert(
      fc.property(latin1Text, fc.boolean(), fc.nat(1_000), (text, escapeAll, cut) => {
        const inside = escapeAll ? [...text].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('') : JSON.stringify(text).slice(1, -1);
        const encoded = Buffer.from(`${inside}"rest`, 'utf8');
        const output = new Uint8Array(encoded.length + 3);
        const decoder = new JsonStringToLatin1(output, 3);
        const at = Math.min(cut, encoded.length);
        let next = decoder.write(encoded, 0, at);
        if (!decoder.ended) next = decoder.write(encoded, at, encoded.length);
        assert.equal(decoder.failed, false);
        assert.equal(decoder.ended, true);
        assert.equal(encoded.toString('utf8', next), 'rest');
        assert.equal(Buffer.from(output.subarray(3, decoder.length)).toString('latin1'), text);
      }),
      { numRuns: 500 },
    );
  });
});
