import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closePayload, encodeFrame, FrameParser, Opcode, WsClose, type FrameHandlers } from '../../server/collab/websocket/frames.ts';

/** A client frame as a browser sends it: masked, with the given flags. */
function clientFrame(opcode: number, payload: Uint8Array, options: { fin?: boolean; mask?: boolean; rsv?: number; mask4?: number[] } = {}): Buffer {
  const { fin = true, mask = true, rsv = 0 } = options;
  const key = Buffer.from(options.mask4 ?? [0x12, 0x34, 0x56, 0x78]);
  const length = payload.length;
  const extra = length < 126 ? 0 : length < 65_536 ? 2 : 8;
  const header = Buffer.alloc(2 + extra + (mask ? 4 : 0));
  header[0] = (fin ? 0x80 : 0) | rsv | opcode;
  header[1] = (mask ? 0x80 : 0) | (length < 126 ? length : length < 65_536 ? 126 : 127);
  if (extra === 2) header.writeUInt16BE(length, 2);
  if (extra === 8) header.writeBigUInt64BE(BigInt(length), 2);
  const body = Buffer.from(payload);
  if (mask) {
    key.copy(header, 2 + extra);
    for (let i = 0; i < body.length; i++) body[i]! ^= key[i & 3]!;
  }
  return Buffer.concat([header, body]);
}

type Event = ['message' | 'ping' | 'pong', string] | ['close' | 'fail', number, string];

function parser(maxMessageBytes = 1024) {
  const events: Event[] = [];
  const handlers: FrameHandlers = {
    message: (payload) => events.push(['message', payload.toString('hex')]),
    pingReceived: (payload) => events.push(['ping', payload.toString('hex')]),
    pongReceived: (payload) => events.push(['pong', payload.toString('hex')]),
    closeReceived: (code, reason) => events.push(['close', code, reason]),
    fail: (code, reason) => events.push(['fail', code, reason]),
  };
  return { events, parser: new FrameParser(maxMessageBytes, handlers) };
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const bytes = (n: number, seed = 1) => Buffer.from(Array.from({ length: n }, (_, i) => (i * 31 + seed) & 255));

describe('WebSocket frame parser', () => {
  it('reads masked binary messages of every length class, whatever the chunking', () => {
    for (const length of [0, 1, 125, 126, 200, 65_535, 65_536, 70_000]) {
      const payload = bytes(length);
      const wire = clientFrame(Opcode.binary, payload);
      for (const step of [1, 3, 7, wire.length]) {
        const { events, parser: p } = parser(100_000);
        for (let i = 0; i < wire.length; i += step) p.push(wire.subarray(i, i + step));
        expect(events, `length ${length}, chunks of ${step}`).toEqual([['message', hex(payload)]]);
      }
    }
  });

  it('reassembles fragments and answers pings between them', () => {
    const { events, parser: p } = parser();
    p.push(Buffer.concat([
      clientFrame(Opcode.binary, bytes(10, 1), { fin: false }),
      clientFrame(Opcode.ping, bytes(3, 9)),
      clientFrame(Opcode.continuation, bytes(5, 2), { fin: false }),
      clientFrame(Opcode.continuation, bytes(4, 3)),
      clientFrame(Opcode.pong, bytes(2, 4)),
    ]));
    expect(events).toEqual([
      ['ping', hex(bytes(3, 9))],
      ['message', hex(Buffer.concat([bytes(10, 1), bytes(5, 2), bytes(4, 3)]))],
      ['pong', hex(bytes(2, 4))],
    ]);
  });

  it('any split of any sequence of fragmented messages gives back the messages', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.uint8Array({ maxLength: 300 }), { minLength: 1, maxLength: 4 }), { maxLength: 6 }),
        fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 20 }),
        (messages, cuts) => {
          const wire = Buffer.concat(
            messages.flatMap((parts) =>
              parts.map((part, i) => clientFrame(i === 0 ? Opcode.binary : Opcode.continuation, part, { fin: i === parts.length - 1, mask4: [i, 7, 99, 200] })),
            ),
          );
          const { events, parser: p } = parser(10_000);
          let offset = 0;
          for (let c = 0; offset < wire.length; c++) {
            const size = cuts[c % cuts.length]!;
            p.push(wire.subarray(offset, offset + size));
            offset += size;
          }
          expect(events).toEqual(messages.map((parts) => ['message', hex(Buffer.concat(parts))]));
        },
      ),
      { numRuns: 300 },
    );
  });

  const refusals: Array<[string, Buffer, number]> = [
    ['an unmasked frame', clientFrame(Opcode.binary, bytes(4), { mask: false }), WsClose.protocolError],
    ['reserved bits (no extension negotiated)', clientFrame(Opcode.binary, bytes(4), { rsv: 0x40 }), WsClose.protocolError],
    ['a text frame', clientFrame(Opcode.text, Buffer.from('{"a":1}')), WsClose.unsupportedData],
    ['an unknown data opcode', clientFrame(0x3, bytes(4)), WsClose.protocolError],
    ['an unknown control opcode', clientFrame(0xb, bytes(4)), WsClose.protocolError],
    ['a control frame over 125 bytes', clientFrame(Opcode.ping, bytes(126)), WsClose.protocolError],
    ['a fragmented control frame', clientFrame(Opcode.ping, bytes(4), { fin: false }), WsClose.protocolError],
    ['a continuation with nothing to continue', clientFrame(Opcode.continuation, bytes(4)), WsClose.protocolError],
    [
      'a new message inside a fragmented one',
      Buffer.concat([clientFrame(Opcode.binary, bytes(4), { fin: false }), clientFrame(Opcode.binary, bytes(4))]),
      WsClose.protocolError,
    ],
    ['a one-byte close payload', clientFrame(Opcode.close, Buffer.from([3])), WsClose.protocolError],
    ['a close code nobody may send', clientFrame(Opcode.close, closePayload(1005, '')), WsClose.protocolError],
    ['a close reason that is not UTF-8', clientFrame(Opcode.close, Buffer.concat([closePayload(1000, ''), Buffer.from([0xc3, 0x28])])), WsClose.invalidPayload],
  ];
  it.each(refusals)('refuses %s with the right close code and parses nothing after it', (_name, wire, code) => {
    const { events, parser: p } = parser();
    p.push(Buffer.concat([wire, clientFrame(Opcode.binary, bytes(3))]));
    expect(events.at(-1)).toEqual(['fail', code, expect.any(String)]);
    expect(events.filter(([kind]) => kind === 'message')).toEqual([]);
  });

  it('refuses an oversized message from its header, before the payload arrives', () => {
    const { events, parser: p } = parser(1000);
    const wire = clientFrame(Opcode.binary, bytes(5000));
    p.push(wire.subarray(0, 8));
    expect(events).toEqual([['fail', WsClose.tooBig, expect.stringContaining('1000')]]);
  });

  it('refuses fragments that add up to more than the limit', () => {
    const { events, parser: p } = parser(1000);
    p.push(Buffer.concat([clientFrame(Opcode.binary, bytes(600), { fin: false }), clientFrame(Opcode.continuation, bytes(600))]));
    expect(events).toEqual([['fail', WsClose.tooBig, expect.any(String)]]);
  });

  it('refuses a 64-bit length beyond 2^53', () => {
    const { events, parser: p } = parser();
    const header = Buffer.from([0x82, 0xff, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0, 1, 2, 3, 4]);
    p.push(header);
    expect(events[0]?.[0]).toBe('fail');
  });

  it('reports the peer’s close frame (code and reason, or 1005 without a code)', () => {
    const a = parser();
    a.parser.push(clientFrame(Opcode.close, closePayload(4401, 'déconnexion')));
    expect(a.events).toEqual([['close', 4401, 'déconnexion']]);
    const b = parser();
    b.parser.push(Buffer.concat([clientFrame(Opcode.close, Buffer.alloc(0)), clientFrame(Opcode.binary, bytes(2))]));
    expect(b.events).toEqual([['close', WsClose.noStatus, '']]);
  });
});

describe('server frames', () => {
  it('encode every length class so that a client reads them back', () => {
    for (const length of [0, 125, 126, 65_535, 65_536]) {
      const frame = encodeFrame(Opcode.binary, bytes(length));
      expect(frame[0]).toBe(0x82);
      expect(frame[1]! & 0x80).toBe(0); // servers never mask
      const headerBytes = length < 126 ? 2 : length < 65_536 ? 4 : 10;
      expect(frame.length).toBe(headerBytes + length);
      expect(hex(frame.subarray(headerBytes))).toBe(hex(bytes(length)));
    }
  });

  it('cut a close reason to 123 bytes without splitting a character', () => {
    const payload = closePayload(4400, 'é'.repeat(100));
    expect(payload.length).toBeLessThanOrEqual(125);
    expect(payload.readUInt16BE(0)).toBe(4400);
    expect(payload.subarray(2).toString('utf8')).toBe('é'.repeat(61));
  });
});
