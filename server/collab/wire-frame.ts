/**
 * A message sent to many connections, framed once. A server's WebSocket frames are not masked
 * (RFC 6455 §5.1), so every recipient gets the same bytes: `ws` would build a header and issue a
 * corked two-buffer write per recipient, while this builds header + message once per broadcast
 * and costs each recipient one plain write (see SyncSocket.sendFrame).
 */
export class WireFrame {
  private framed: Buffer | null = null;

  constructor(readonly message: Uint8Array) {}

  /** The whole WebSocket frame: FIN, binary opcode, unmasked length, then the message. */
  get bytes(): Buffer {
    return (this.framed ??= binaryFrame(this.message));
  }
}

const FIN_BINARY = 0x82;

export function binaryFrame(message: Uint8Array): Buffer {
  const length = message.byteLength;
  const headerLength = length < 126 ? 2 : length < 65_536 ? 4 : 10;
  const frame = Buffer.allocUnsafe(headerLength + length);
  frame[0] = FIN_BINARY;
  if (length < 126) frame[1] = length;
  else if (length < 65_536) {
    frame[1] = 126;
    frame.writeUInt16BE(length, 2);
  } else {
    frame[1] = 127;
    frame.writeUInt32BE(Math.floor(length / 2 ** 32), 2);
    frame.writeUInt32BE(length >>> 0, 6);
  }
  frame.set(message, headerLength);
  return frame;
}
