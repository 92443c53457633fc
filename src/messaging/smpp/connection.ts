/**
 * One SMPP connection over TCP, framed by tttb rather than by the `smpp` package's Session: the
 * Session accepts a command_length under 16, and after a parse error stops reading for good without
 * telling its owner which PDU was bad. Here every frame is checked (16 ≤ command_length ≤ 16384,
 * mandatory parameters inside it), a bad one is reported once with its command id and sequence
 * number, and reading stops so the owner can answer (generic_nack) and close.
 *
 * Writes made in one tick go out in one syscall (cork/uncork): at thousands of PDUs a second that
 * is most of the cost of a loopback link.
 */
import { EventEmitter } from 'node:events';
import type { Socket } from 'node:net';
import { decodePdu, encodePdu, HEADER_LENGTH, MAX_PDU_LENGTH, STATUS, isResponse, type Pdu } from './pdu.ts';

/** A frame that could not be taken as a PDU. */
export interface MalformedPdu {
  /** `length`: command_length out of bounds (framing lost); `body`: parameters do not fit. */
  kind: 'length' | 'body';
  commandLength: number;
  /** From the header, when enough of it arrived (0 otherwise). */
  commandId: number;
  sequenceNumber: number;
  problem: string;
}

/** Thrown to callers waiting for a response when the connection closes or the response is late. */
export class SmppLinkError extends Error {
  constructor(
    message: string,
    readonly reason: 'closed' | 'timeout',
  ) {
    super(message);
    this.name = 'SmppLinkError';
  }
}

interface Waiting {
  resolve(pdu: Pdu): void;
  reject(error: Error): void;
  deadline: number;
}

// Timeouts are swept once a second instead of one timer per request: a timer per PDU costs more
// than the PDU at thousands per second.
const SWEEP_INTERVAL_MS = 1_000;

export interface SmppConnectionEvents {
  /** A decoded request, or a response nobody was waiting for. */
  pdu: [Pdu];
  malformed: [MalformedPdu];
  close: [];
}

/** Framing, sequence numbers and request/response matching for one socket. */
export class SmppConnection extends EventEmitter<SmppConnectionEvents> {
  private pending: Buffer | null = null;
  private reading = true;
  private corked = false;
  private sequence = 0;
  private readonly waiting = new Map<number, Waiting>();
  private sweeper: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(readonly socket: Socket) {
    super();
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    // A reset or refused connection is reported by 'close' right after; the error itself is the owner's to log.
    socket.on('error', () => undefined);
    socket.on('close', () => this.onClose());
  }

  /** Whether PDUs can still be written. */
  get open(): boolean {
    return !this.closed && this.socket.writable;
  }

  /** Requests sent and not yet answered. */
  get outstanding(): number {
    return this.waiting.size;
  }

  /** Sends a request and resolves with its response (or generic_nack); rejects on close or timeout. */
  request(command: string, fields: Record<string, unknown> = {}, timeoutMs = 30_000): Promise<Pdu> {
    if (!this.open) return Promise.reject(new SmppLinkError(`${command}: connection closed`, 'closed'));
    this.sequence = this.sequence >= 0x7fffffff ? 1 : this.sequence + 1;
    const sequenceNumber = this.sequence;
    const answer = new Promise<Pdu>((resolve, reject) => {
      this.waiting.set(sequenceNumber, { resolve, reject, deadline: Date.now() + timeoutMs });
    });
    this.sweeper ??= setInterval(() => this.sweep(), SWEEP_INTERVAL_MS).unref();
    this.write(encodePdu(command, { ...fields, sequence_number: sequenceNumber }));
    return answer;
  }

  /** Answers `request` with its `_resp` (or generic_nack for an unknown command). */
  respond(request: Pdu, status: number = STATUS.OK, fields: Record<string, unknown> = {}): void {
    const command = request.command === 'unknown' ? 'generic_nack' : `${request.command}_resp`;
    this.send(command, request.sequence_number, status, fields);
  }

  /** Writes one PDU with the given sequence number (responses, generic_nack). */
  send(command: string, sequenceNumber: number, status: number = STATUS.OK, fields: Record<string, unknown> = {}): void {
    if (!this.open) return;
    this.write(encodePdu(command, { ...fields, sequence_number: sequenceNumber, command_status: status }));
  }

  /**
   * Stops taking PDUs: what is buffered and not yet handled is dropped, unanswered, and so is what
   * still arrives. The socket keeps flowing (not paused) so the peer's FIN is seen and it closes.
   */
  stopReading(): void {
    this.reading = false;
    this.pending = null;
  }

  /** Flushes what was written, then closes; resolves once closed. */
  end(): Promise<void> {
    if (this.closed) return Promise.resolve();
    const closed = new Promise<void>((resolve) => this.socket.once('close', () => resolve()));
    this.socket.end();
    return closed;
  }

  /** Closes at once, dropping unsent data. */
  destroy(): void {
    this.socket.destroy();
  }

  private write(bytes: Buffer): void {
    if (!this.corked) {
      this.corked = true;
      this.socket.cork();
      process.nextTick(() => {
        this.corked = false;
        this.socket.uncork();
      });
    }
    this.socket.write(bytes);
  }

  private onData(chunk: Buffer): void {
    if (!this.reading) return;
    const data = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    let offset = 0;
    while (this.reading && data.length - offset >= 4) {
      const length = data.readUInt32BE(offset);
      if (length < HEADER_LENGTH || length > MAX_PDU_LENGTH) {
        const header = data.length - offset >= HEADER_LENGTH;
        this.reject({
          kind: 'length',
          commandLength: length,
          commandId: header ? data.readUInt32BE(offset + 4) : 0,
          sequenceNumber: header ? data.readUInt32BE(offset + 12) : 0,
          problem: `command_length ${length} outside ${HEADER_LENGTH}…${MAX_PDU_LENGTH}`,
        });
        return;
      }
      if (data.length - offset < length) break;
      const decoded = decodePdu(data.subarray(offset, offset + length));
      offset += length;
      if (!decoded.ok) {
        this.reject({ kind: 'body', commandLength: length, ...decoded });
        return;
      }
      this.dispatch(decoded.pdu);
    }
    this.pending = offset >= data.length || !this.reading ? null : data.subarray(offset);
  }

  private reject(malformed: MalformedPdu): void {
    this.stopReading();
    this.emit('malformed', malformed);
  }

  private dispatch(pdu: Pdu): void {
    if (isResponse(pdu)) {
      const waiter = this.waiting.get(pdu.sequence_number);
      if (waiter) {
        this.waiting.delete(pdu.sequence_number);
        waiter.resolve(pdu);
        return;
      }
    }
    this.emit('pdu', pdu);
  }

  private sweep(): void {
    const now = Date.now();
    for (const [sequenceNumber, waiter] of this.waiting) {
      if (waiter.deadline > now) continue;
      this.waiting.delete(sequenceNumber);
      waiter.reject(new SmppLinkError(`no response to sequence ${sequenceNumber}`, 'timeout'));
    }
  }

  private onClose(): void {
    this.closed = true;
    clearInterval(this.sweeper);
    const waiting = [...this.waiting.values()];
    this.waiting.clear();
    for (const waiter of waiting) waiter.reject(new SmppLinkError('connection closed before the response', 'closed'));
    this.emit('close');
  }
}
