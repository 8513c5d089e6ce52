/**
 * Messages sent to many connections, framed once. A server's WebSocket frames are not masked
 * (RFC 6455 §5.1), so every recipient gets the same bytes: `ws` would build a header and issue a
 * corked two-buffer write per recipient, while this builds header + message once per broadcast
 * and costs each recipient one plain write (see SyncSocket.sendFrame). Several messages are
 * several WebSocket frames in that one write: the client reads each as it would alone.
 */
export class WireFrame {
  private framed: Buffer | null = null;
  /** the messages, in order, each its own WebSocket message */
  readonly messages: readonly Uint8Array[];

  constructor(...messages: [Uint8Array, ...Uint8Array[]]) {
    this.messages = messages;
  }

  /** the first message (the only one of a frame made of one) */
  get message(): Uint8Array {
    return this.messages[0]!;
  }

  /** The WebSocket frames, back to back: FIN, binary opcode, unmasked length, then the message. */
  get bytes(): Buffer {
    return (this.framed ??= this.messages.length === 1 ? binaryFrame(this.messages[0]!) : binaryFrames(this.messages));
  }
}

const FIN_BINARY = 0x82;

const headerLength = (length: number) => (length < 126 ? 2 : length < 65_536 ? 4 : 10);

export function binaryFrame(message: Uint8Array): Buffer {
  const frame = Buffer.allocUnsafe(headerLength(message.byteLength) + message.byteLength);
  writeFrame(frame, 0, message);
  return frame;
}

/** Several messages as consecutive frames in one buffer. */
export function binaryFrames(messages: readonly Uint8Array[]): Buffer {
  let total = 0;
  for (const message of messages) total += headerLength(message.byteLength) + message.byteLength;
  const frames = Buffer.allocUnsafe(total);
  let offset = 0;
  for (const message of messages) offset = writeFrame(frames, offset, message);
  return frames;
}

/** Writes one frame at `offset`; returns the offset after it. */
function writeFrame(target: Buffer, offset: number, message: Uint8Array): number {
  const length = message.byteLength;
  target[offset] = FIN_BINARY;
  if (length < 126) target[offset + 1] = length;
  else if (length < 65_536) {
    target[offset + 1] = 126;
    target.writeUInt16BE(length, offset + 2);
  } else {
    target[offset + 1] = 127;
    target.writeUInt32BE(Math.floor(length / 2 ** 32), offset + 2);
    target.writeUInt32BE(length >>> 0, offset + 6);
  }
  const header = headerLength(length);
  target.set(message, offset + header);
  return offset + header + length;
}
